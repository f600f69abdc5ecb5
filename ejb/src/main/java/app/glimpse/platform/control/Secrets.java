package app.glimpse.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The installation's cipher for what is stored sealed (Drive refresh tokens, gallery codes): the
 * key of {@code glimpse.drive.token-key} if set, else the one in the data directory ({@code
 * keys/drive-token.key}, made on first use). Shared by the areas that seal something, so that one
 * key opens everything stored.
 */
@ApplicationScoped
public class Secrets {

  @Inject
  @ConfigProperty(name = "glimpse.drive.token-key")
  Optional<String> tokenKey;

  private volatile TokenCipher cipher;

  public TokenCipher cipher() {
    if (cipher == null) {
      cipher =
          tokenKey
              .filter(key -> !key.isBlank())
              .map(TokenCipher::ofBase64Key)
              .orElseGet(
                  () ->
                      TokenCipher.ofKeyFile(
                          DataDirectory.path().resolve("keys").resolve("drive-token.key")));
    }
    return cipher;
  }
}
