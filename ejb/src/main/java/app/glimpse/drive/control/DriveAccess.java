package app.glimpse.drive.control;

import app.glimpse.drive.entity.DriveAccount;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.platform.control.Secrets;
import app.glimpse.platform.control.TokenCipher;
import com.google.api.client.auth.oauth2.Credential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The installation's Drive settings, the cipher of the stored refresh tokens, and a Drive client
 * per connected account. Clients are kept (a few hundred at most) so that the consumers of one
 * import share an access token instead of fetching one per file.
 */
@ApplicationScoped
public class DriveAccess {

  private static final int KEPT_CLIENTS = 200;

  @Inject
  @ConfigProperty(name = "glimpse.drive.client-id")
  Optional<String> clientId;

  @Inject
  @ConfigProperty(name = "glimpse.drive.client-secret")
  Optional<String> clientSecret;

  @Inject
  @ConfigProperty(name = "glimpse.drive.redirect-uri")
  Optional<String> redirectUri;

  @Inject
  @ConfigProperty(name = "glimpse.drive.api-url", defaultValue = DriveSettings.GOOGLE_API_URL)
  String apiUrl;

  @Inject
  @ConfigProperty(name = "glimpse.drive.token-url", defaultValue = DriveSettings.GOOGLE_TOKEN_URL)
  String tokenUrl;

  @Inject
  @ConfigProperty(
      name = "glimpse.drive.authorization-url",
      defaultValue = DriveSettings.GOOGLE_AUTHORIZATION_URL)
  String authorizationUrl;

  @Inject
  @ConfigProperty(name = "glimpse.drive.attempts", defaultValue = "6")
  int attempts;

  @Inject
  @ConfigProperty(name = "glimpse.drive.retry-delay", defaultValue = "PT1S")
  String retryDelay;

  @Inject Secrets secrets;

  private volatile DriveSettings settings;

  private final Map<String, DriveClient> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DriveClient> eldest) {
          return size() > KEPT_CLIENTS;
        }
      };

  public DriveSettings settings() {
    if (settings == null) {
      settings =
          new DriveSettings(
              clientId.orElse(null),
              clientSecret.orElse(null),
              redirectUri.orElse(null),
              apiUrl,
              tokenUrl,
              authorizationUrl,
              attempts,
              Duration.parse(retryDelay));
    }
    return settings;
  }

  /**
   * The settings, if Drive is configured.
   *
   * @throws ClientError 409 {@code drive_not_configured} otherwise
   */
  public DriveSettings configured() {
    DriveSettings current = settings();
    if (!current.configured()) {
      throw ClientError.conflict(
          "drive_not_configured",
          "Google Drive is not configured: set GLIMPSE_DRIVE_CLIENT_ID and"
              + " GLIMPSE_DRIVE_CLIENT_SECRET.");
    }
    return current;
  }

  /** The installation's cipher, which the refresh tokens are sealed with. */
  public TokenCipher cipher() {
    return secrets.cipher();
  }

  /** The context a photographer's refresh token is encrypted for. */
  public static String tokenContext(long photographerId) {
    return "drive-refresh-token:" + photographerId;
  }

  /** The Drive of {@code account}, whose stored token is decrypted here. */
  public DriveClient client(DriveAccount account) {
    String key = account.getPhotographerId() + ":" + account.getRefreshToken();
    synchronized (clients) {
      DriveClient client = clients.get(key);
      if (client == null) {
        String refreshToken;
        try {
          refreshToken =
              cipher()
                  .decrypt(account.getRefreshToken(), tokenContext(account.getPhotographerId()));
        } catch (IllegalArgumentException e) {
          throw new DriveFailure(
              DriveFailure.Kind.DISCONNECTED,
              "The stored Drive connection cannot be decrypted (was the token key changed?);"
                  + " connect Drive again.",
              e);
        }
        Credential credential = DriveClient.credential(configured(), refreshToken);
        client = new DriveClient(configured(), credential);
        clients.put(key, client);
      }
      return client;
    }
  }

  /** Forgets the client of a disconnected account. */
  public void forget(long photographerId) {
    synchronized (clients) {
      clients.keySet().removeIf(key -> key.startsWith(photographerId + ":"));
    }
  }
}
