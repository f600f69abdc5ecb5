package app.glimpse.platform.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the database (Drive refresh tokens) with AES-256-GCM: a random 12-byte
 * IV per value, the 128-bit tag detects any change, and the associated data binds each value to its
 * row (a token copied to another photographer does not decrypt). The key comes from {@code
 * GLIMPSE_DRIVE_TOKEN_KEY} (base64 of 32 bytes) or is generated once into {@code
 * keys/drive-token.key} of the data directory, readable by the owner only, like the token signing
 * keys.
 */
public final class TokenCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private TokenCipher(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException(
          "The Drive token key must be 32 bytes (base64), not " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The cipher with a key given in base64 (GLIMPSE_DRIVE_TOKEN_KEY). */
  public static TokenCipher ofBase64Key(String base64) {
    try {
      return new TokenCipher(Base64.getDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "GLIMPSE_DRIVE_TOKEN_KEY is not the base64 of 32 bytes: " + e.getMessage(), e);
    }
  }

  /** The cipher with the key in {@code keyFile}, generated there if missing. */
  public static TokenCipher ofKeyFile(Path keyFile) {
    try {
      Path directory = keyFile.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      try (FileChannel lockFile =
              FileChannel.open(
                  directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (!Files.exists(keyFile)) {
          byte[] key = new byte[32];
          RANDOM.nextBytes(key);
          Path temp = Files.createTempFile(directory, "drive-token", ".tmp");
          try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
          } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
          }
          Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n");
          Files.move(temp, keyFile);
        }
      }
      return ofBase64Key(Files.readString(keyFile, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the Drive token key " + keyFile, e);
    }
  }

  /** {@code secret} encrypted for the row named {@code context}: base64 of IV, ciphertext, tag. */
  public String encrypt(String secret, String context) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, context);
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The secret that {@link #encrypt} sealed for {@code context}.
   *
   * @throws IllegalArgumentException if the value was changed, belongs to another context, or was
   *     sealed with another key
   */
  public String decrypt(String sealed, String context) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not an encrypted token", e);
    }
    if (bytes.length < IV_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("Not an encrypted token");
    }
    try {
      Cipher cipher =
          cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, IV_BYTES), context);
      byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new IllegalArgumentException(
          "The encrypted token was changed, belongs elsewhere, or the key changed", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private Cipher cipher(int mode, byte[] iv, String context) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
