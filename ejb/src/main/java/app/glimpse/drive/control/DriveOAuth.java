package app.glimpse.drive.control;

import com.google.api.client.auth.oauth2.AuthorizationCodeRequestUrl;
import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.http.GenericUrl;
import com.google.api.services.drive.DriveScopes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Google's OAuth 2.0 web-server flow for Drive: the URL that asks the photographer for read-only
 * access (offline, so that Google issues a refresh token), and the exchange of the code Google
 * sends back for that refresh token. With PKCE (RFC 7636, S256): a code that leaks on its way back
 * is worthless without the verifier, which never leaves the server.
 */
public final class DriveOAuth {

  public static final String SCOPE = DriveScopes.DRIVE_READONLY;

  private DriveOAuth() {}

  /** Where to send the photographer's browser; Google comes back to {@code redirectUri}. */
  public static String authorizationUrl(
      DriveSettings settings, String redirectUri, String state, String codeVerifier) {
    return new AuthorizationCodeRequestUrl(settings.authorizationUrl(), settings.clientId())
        .setScopes(List.of(SCOPE))
        .setRedirectUri(redirectUri)
        .setState(state)
        .set("code_challenge", challenge(codeVerifier))
        .set("code_challenge_method", "S256")
        .set("access_type", "offline")
        .set("prompt", "consent")
        .set("include_granted_scopes", "true")
        .build();
  }

  /**
   * The refresh token for {@code code}.
   *
   * @throws DriveFailure if Google refuses the code, grants no refresh token, or not the scope
   */
  public static String refreshToken(
      DriveSettings settings, String code, String redirectUri, String codeVerifier) {
    TokenResponse response;
    try {
      response =
          new AuthorizationCodeTokenRequest(
                  DriveClient.TRANSPORT,
                  DriveClient.JSON,
                  new GenericUrl(settings.tokenUrl()),
                  code)
              .setRedirectUri(redirectUri)
              .set("code_verifier", codeVerifier)
              .setClientAuthentication(
                  new ClientParametersAuthentication(settings.clientId(), settings.clientSecret()))
              .execute();
    } catch (IOException e) {
      throw DriveFailure.of("Connecting Drive", e, 1);
    }
    if (response.getRefreshToken() == null) {
      throw new DriveFailure(
          DriveFailure.Kind.REFUSED,
          "Google granted no offline access; connect Drive again and allow it.",
          null);
    }
    if (response.getScope() != null && !List.of(response.getScope().split(" ")).contains(SCOPE)) {
      throw new DriveFailure(
          DriveFailure.Kind.REFUSED,
          "Glimpse needs to see your Drive files; connect Drive again and allow it.",
          null);
    }
    return response.getRefreshToken();
  }

  /** The S256 challenge of a PKCE verifier: base64url of its SHA-256, unpadded. */
  public static String challenge(String codeVerifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(codeVerifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
