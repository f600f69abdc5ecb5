package app.glimpse.access.control;

import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.control.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues the MicroProfile JWT bearer tokens (RS256) that the REST API accepts: short-lived
 * photographer tokens with their studio (renewed with a refresh token, see {@link RefreshTokens}),
 * and guest tokens scoped to one event. The server verifies them with the public half of {@link
 * JwtKeys}.
 */
@ApplicationScoped
public class TokenIssuer {
  /**
   * Looked up once: every {@code Json.createXxx} call looks the provider up again, scanning the
   * class path, which cost a tenth of the server's time under the load benchmark.
   */
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "glimpse")
  String issuer;

  @Inject
  @ConfigProperty(name = "glimpse.token.lifetime", defaultValue = "PT15M")
  Duration lifetime;

  @Inject
  @ConfigProperty(name = "glimpse.guest-token.lifetime", defaultValue = "PT8H")
  Duration guestLifetime;

  /** A photographer's access token, valid for {@code glimpse.token.lifetime}. */
  public IssuedToken forPhotographer(
      String subject, String upn, Set<String> groups, Map<String, Object> claims) {
    return sign(subject, upn, groups, claims, Instant.now().plus(lifetime));
  }

  /**
   * A guest's token, valid for {@code glimpse.guest-token.lifetime} but never beyond {@code
   * notAfter} (the end of the event's access) if given.
   */
  public IssuedToken forGuest(String subject, Map<String, Object> claims, Instant notAfter) {
    Instant expiry = Instant.now().plus(guestLifetime);
    if (notAfter != null && notAfter.isBefore(expiry)) {
      expiry = notAfter;
    }
    return sign(subject, "guest", Set.of(Caller.GUEST), claims, expiry);
  }

  private IssuedToken sign(
      String subject, String upn, Set<String> groups, Map<String, Object> claims, Instant expiry) {
    Instant now = Instant.now();
    JsonArrayBuilder groupArray = JSON.createArrayBuilder();
    groups.forEach(groupArray::add);
    JsonObjectBuilder payload =
        JSON.createObjectBuilder()
            .add("iss", issuer)
            .add("sub", subject)
            .add("upn", upn)
            .add("groups", groupArray)
            .add("iat", now.getEpochSecond())
            .add("exp", expiry.getEpochSecond())
            .add("jti", UUID.randomUUID().toString());
    claims.forEach(
        (name, value) -> {
          if (value instanceof Number number) {
            payload.add(name, number.longValue());
          } else {
            payload.add(name, String.valueOf(value));
          }
        });
    String header =
        JSON.createObjectBuilder()
            .add("alg", "RS256")
            .add("typ", "JWT")
            .add("kid", "glimpse")
            .build()
            .toString();
    String signingInput = encode(header) + "." + encode(payload.build().toString());
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(JwtKeys.in(DataDirectory.path().resolve("keys")).privateKey());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return new IssuedToken(
          signingInput + "." + BASE64URL.encodeToString(signature.sign()),
          Instant.ofEpochSecond(expiry.getEpochSecond()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a token", e);
    }
  }

  private static String encode(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
