package app.glimpse.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCipherTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void roundTripsWithAFreshIvEachTime() {
    TokenCipher cipher = TokenCipher.ofBase64Key(KEY);
    String first = cipher.encrypt("1//refresh-token", "drive-refresh-token:7");
    String second = cipher.encrypt("1//refresh-token", "drive-refresh-token:7");
    assertNotEquals(first, second);
    assertFalse(first.contains("refresh"));
    assertEquals("1//refresh-token", cipher.decrypt(first, "drive-refresh-token:7"));
    assertEquals("1//refresh-token", cipher.decrypt(second, "drive-refresh-token:7"));
  }

  @Test
  void detectsTamperingAnotherRowAndAnotherKey() {
    TokenCipher cipher = TokenCipher.ofBase64Key(KEY);
    String sealed = cipher.encrypt("secret", "drive-refresh-token:7");
    byte[] bytes = Base64.getDecoder().decode(sealed);
    for (int i : new int[] {0, 12, bytes.length - 1}) {
      byte[] changed = bytes.clone();
      changed[i] ^= 1;
      String tampered = Base64.getEncoder().encodeToString(changed);
      assertThrows(
          IllegalArgumentException.class,
          () -> cipher.decrypt(tampered, "drive-refresh-token:7"),
          "byte " + i);
    }
    assertThrows(
        IllegalArgumentException.class, () -> cipher.decrypt(sealed, "drive-refresh-token:8"));
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TokenCipher.ofBase64Key(Base64.getEncoder().encodeToString(otherKey))
                .decrypt(sealed, "drive-refresh-token:7"));
    assertThrows(IllegalArgumentException.class, () -> cipher.decrypt("c2hvcnQ=", "x"));
    assertThrows(IllegalArgumentException.class, () -> TokenCipher.ofBase64Key("c2hvcnQ="));
  }

  @Test
  void generatesItsKeyFileOnceReadableByTheOwnerOnly(@TempDir Path data) throws Exception {
    Path keyFile = data.resolve("keys").resolve("drive-token.key");
    String sealed = TokenCipher.ofKeyFile(keyFile).encrypt("secret", "ctx");
    assertTrue(Files.exists(keyFile));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    assertEquals(32, Base64.getDecoder().decode(Files.readString(keyFile).strip()).length);
    assertEquals("secret", TokenCipher.ofKeyFile(keyFile).decrypt(sealed, "ctx"));
  }
}
