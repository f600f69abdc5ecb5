package app.glimpse.access.control;

import app.glimpse.platform.DataDirectory;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands MicroProfile JWT the public key of Glimpse's own token keys ({@code
 * mp.jwt.verify.publickey}), generating the key pair in the data directory on first start.
 */
public class TokenKeyConfigSource implements ConfigSource {

  private static final String KEY = "mp.jwt.verify.publickey";

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(KEY);
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(KEY, getValue(KEY));
  }

  @Override
  public String getValue(String propertyName) {
    if (!KEY.equals(propertyName)) {
      return null;
    }
    return JwtKeys.in(DataDirectory.path().resolve("keys")).publicKeyPem();
  }

  @Override
  public String getName() {
    return "glimpse-token-keys";
  }

  @Override
  public int getOrdinal() {
    return 150;
  }
}
