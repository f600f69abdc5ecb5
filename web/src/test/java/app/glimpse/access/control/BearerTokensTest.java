package app.glimpse.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.platform.boundary.Caller;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

  private static final long NOW = 1_800_000_000L;
  private static final KeyPair GLIMPSE = pair();
  private final BearerTokens tokens =
      new BearerTokens(
          (RSAPublicKey) GLIMPSE.getPublic(),
          "glimpse",
          Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

  @Test
  void acceptsGlimpsesOwnTokenAsItsCaller() {
    String token = sign(RS256, claims("glimpse", NOW + 60), GLIMPSE.getPrivate());
    GlimpsePrincipal principal = tokens.verify(token).orElseThrow();
    assertEquals("anna@studio.test", principal.getName());
    assertEquals(new Caller("42", 7L, null, Set.of("photographer", "owner")), principal.caller());
  }

  @Test
  void readsAGuestsEventAndAccessGeneration() {
    String guest =
        "{\"iss\":\"glimpse\",\"sub\":\"guest:9:x\",\"upn\":\"guest\",\"groups\":[\"guest\"],"
            + "\"event\":9,\"access\":3,\"exp\":"
            + (NOW + 60)
            + "}";
    Caller caller = tokens.verify(sign(RS256, guest, GLIMPSE.getPrivate())).orElseThrow().caller();
    assertEquals(Caller.guest("guest:9:x", 9, 3), caller);
    String withoutGeneration = guest.replace("\"access\":3,", "");
    assertEquals(
        null,
        tokens
            .verify(sign(RS256, withoutGeneration, GLIMPSE.getPrivate()))
            .orElseThrow()
            .caller()
            .accessGeneration(),
        "a guest token from before access generations opens nothing");
  }

  @Test
  void refusesTamperedExpiredUnsignedForeignAndOtherIssuersTokens() {
    String genuine = sign(RS256, claims("glimpse", NOW + 60), GLIMPSE.getPrivate());
    String[] parts = genuine.split("\\.");
    String tampered =
        parts[0]
            + "."
            + encode(claims("glimpse", NOW + 60).replace("\"7\"", "8").replace("7,", "8,"))
            + "."
            + parts[2];
    for (String forged :
        new String[] {
          tampered,
          genuine.substring(0, genuine.length() - 4) + "AAAA",
          sign(RS256, claims("glimpse", NOW), GLIMPSE.getPrivate()),
          encode("{\"alg\":\"none\"}") + "." + parts[1] + ".",
          sign("{\"alg\":\"HS256\"}", claims("glimpse", NOW + 60), GLIMPSE.getPrivate()),
          sign(RS256, claims("glimpse", NOW + 60), pair().getPrivate()),
          sign(RS256, claims("someone-else", NOW + 60), GLIMPSE.getPrivate()),
          "not a token",
          parts[0] + "." + parts[1]
        }) {
      assertTrue(tokens.verify(forged).isEmpty(), forged);
    }
  }

  private static final String RS256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

  private static String claims(String issuer, long expiry) {
    return "{\"iss\":\""
        + issuer
        + "\",\"sub\":\"42\",\"upn\":\"anna@studio.test\",\"groups\":[\"photographer\",\"owner\"],"
        + "\"studio\":7,\"exp\":"
        + expiry
        + "}";
  }

  private static String sign(String header, String claims, PrivateKey key) {
    try {
      String input = encode(header) + "." + encode(claims);
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair pair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
