package app.glimpse.access.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;

/**
 * {@code /studio/sign-in.xhtml}: a photographer signs in with e-mail and password, through the
 * container ({@link GlimpseAuthentication}), and goes on to the page they wanted.
 */
@Named
@ViewScoped
public class SignInPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient SecurityContext security;

  private String email;
  private String password;
  private String next;

  public void signIn() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    AuthenticationStatus status =
        security.authenticate(
            (HttpServletRequest) external.getRequest(),
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(email, new Password(password))));
    password = null;
    if (status == AuthenticationStatus.SUCCESS) {
      external.redirect(external.getRequestContextPath() + safeNext());
    } else if (status == AuthenticationStatus.SEND_CONTINUE) {
      faces.responseComplete();
    } else {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Wrong e-mail or password.", null));
    }
  }

  /** Only pages of the portal itself, so that the sign-in page never redirects elsewhere. */
  private String safeNext() {
    if ("/studio/".equals(next) || "/studio".equals(next)) {
      return "/studio/events.xhtml";
    }
    if (next != null
        && next.startsWith("/studio/")
        && !next.startsWith("/studio/sign-in")
        && !next.contains("//")
        && !next.contains("\\")) {
      return next;
    }
    return "/studio/events.xhtml";
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }
}
