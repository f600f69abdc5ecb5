package app.glimpse.access.boundary;

import app.glimpse.access.control.BearerTokens;
import app.glimpse.access.control.GlimpsePrincipal;
import app.glimpse.access.control.JwtKeys;
import app.glimpse.platform.boundary.RequestLimits;
import app.glimpse.platform.control.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one authentication mechanism of the application. Jakarta Security 3 (Payara 6) takes a single
 * {@link HttpAuthenticationMechanism} per application, and MicroProfile JWT's {@code @LoginConfig}
 * would install its own for every path, so this one serves both kinds of client:
 *
 * <ul>
 *   <li>{@code /api/*}: bearer tokens only, verified with Glimpse's own public key ({@link
 *       BearerTokens}); a refused token is a 401 in the API's JSON shape. The API never looks at
 *       the session, so a browser's cookie can never be used against it (no CSRF on the API).
 *   <li>everything else: the portal's session. Signing in ({@code SecurityContext.authenticate}
 *       with an e-mail and password from the sign-in page) checks the account through the identity
 *       store, renews the session id and keeps the principal in the session; later requests carry
 *       it to the container. Protected pages ({@code /studio/*} in web.xml) without a session go to
 *       the sign-in page, also from an Ajax request.
 * </ul>
 *
 * Either way a photographer whose account was removed is refused at once ({@link
 * Accounts#stillSignedIn}). Guests are not container principals: a gallery keeps their pass for its
 * event in the session (see {@code GuestPasses}), so a guest of two events and a signed-in
 * photographer never mix.
 */
@ApplicationScoped
public class GlimpseAuthentication implements HttpAuthenticationMechanism {

  static final String SESSION_PRINCIPAL = GlimpsePrincipal.class.getName();
  public static final String SIGN_IN_PAGE = "/studio/sign-in.xhtml";

  @Inject IdentityStoreHandler identityStores;

  @EJB Accounts accounts;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "glimpse")
  String issuer;

  private BearerTokens bearerTokens;

  @PostConstruct
  void loadKey() {
    bearerTokens =
        new BearerTokens(
            JwtKeys.in(DataDirectory.path().resolve("keys")).publicKey(),
            issuer,
            Clock.systemUTC());
  }

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (path(request).startsWith("/api/")) {
      return bearer(request, context);
    }
    if (context.isAuthenticationRequest()
        && context.getAuthParameters().getCredential()
            instanceof UsernamePasswordCredential credential) {
      return signIn(request, context, credential);
    }
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(SESSION_PRINCIPAL) instanceof GlimpsePrincipal principal) {
      if (accounts.stillSignedIn(principal.caller())) {
        return context.notifyContainerAboutLogin(principal, principal.caller().roles());
      }
      session.invalidate();
    }
    if (context.isProtected()) {
      return toSignIn(request, response, context);
    }
    return context.doNothing();
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(SESSION_PRINCIPAL);
    }
    HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
  }

  private AuthenticationStatus bearer(HttpServletRequest request, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return context.doNothing();
    }
    return bearerTokens
        .verify(header.substring(7).strip())
        .filter(principal -> accounts.stillSignedIn(principal.caller()))
        .map(principal -> context.notifyContainerAboutLogin(principal, principal.caller().roles()))
        .orElseGet(context::responseUnauthorized);
  }

  private AuthenticationStatus signIn(
      HttpServletRequest request,
      HttpMessageContext context,
      UsernamePasswordCredential credential) {
    CredentialValidationResult result = identityStores.validate(credential);
    if (result.getStatus() != CredentialValidationResult.Status.VALID
        || !(result.getCallerPrincipal() instanceof GlimpsePrincipal principal)) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    request.getSession(true).setAttribute(SESSION_PRINCIPAL, principal);
    RequestLimits.signedIn(request.getSession());
    return context.notifyContainerAboutLogin(principal, principal.caller().roles());
  }

  /**
   * Sends the browser to the sign-in page, remembering where it wanted to go. Faces Ajax requests
   * cannot follow an HTTP redirect, so they get Faces' own redirect instruction.
   */
  private static AuthenticationStatus toSignIn(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String wanted = path(request);
    if (request.getQueryString() != null && "GET".equals(request.getMethod())) {
      wanted += "?" + request.getQueryString();
    }
    String target =
        request.getContextPath()
            + SIGN_IN_PAGE
            + "?next="
            + URLEncoder.encode(wanted, StandardCharsets.UTF_8);
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      try {
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        response
            .getWriter()
            .write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + target.replace("&", "&amp;")
                    + "\"/></partial-response>");
        return AuthenticationStatus.SEND_CONTINUE;
      } catch (IOException e) {
        return context.responseUnauthorized();
      }
    }
    return context.redirect(target);
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
