package app.glimpse.access.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The RSA key pair Glimpse signs its tokens with. It is generated on first start and kept in {@code
 * keys/} of the data directory (private key readable by the owner only), so tokens stay valid
 * across restarts and every node that shares the data directory accepts them.
 */
public final class JwtKeys {

  private static final ConcurrentMap<Path, JwtKeys> LOADED = new ConcurrentHashMap<>();

  private final RSAPrivateKey privateKey;
  private final RSAPublicKey publicKey;
  private final String publicKeyPem;

  private JwtKeys(RSAPrivateKey privateKey, RSAPublicKey publicKey, String publicKeyPem) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.publicKeyPem = publicKeyPem;
  }

  /** The keys kept in {@code directory}, created there if missing; loaded once per JVM. */
  public static JwtKeys in(Path directory) {
    return LOADED.computeIfAbsent(directory.toAbsolutePath().normalize(), JwtKeys::loadOrCreate);
  }

  private static JwtKeys loadOrCreate(Path directory) {
    Path privateFile = directory.resolve("jwt-private.pem");
    Path publicFile = directory.resolve("jwt-public.pem");
    try {
      Files.createDirectories(directory);
      try (FileChannel lockFile =
              FileChannel.open(
                  directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(2048);
          KeyPair pair = generator.generateKeyPair();
          Path temp = Files.createTempFile(directory, "jwt-private", ".tmp");
          try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
          } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
          }
          Files.writeString(temp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
          Files.move(temp, privateFile);
          Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
      }
      KeyFactory factory = KeyFactory.getInstance("RSA");
      RSAPrivateKey privateKey =
          (RSAPrivateKey)
              factory.generatePrivate(
                  new PKCS8EncodedKeySpec(unpem(Files.readString(privateFile))));
      String publicPem = Files.readString(publicFile, StandardCharsets.US_ASCII);
      RSAPublicKey publicKey =
          (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(unpem(publicPem)));
      return new JwtKeys(privateKey, publicKey, publicPem);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the token keys in " + directory, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "The token keys in " + directory + " are not usable RSA keys", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] unpem(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }

  public RSAPrivateKey privateKey() {
    return privateKey;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** The public key in PEM form, as MicroProfile JWT's {@code mp.jwt.verify.publickey} takes it. */
  public String publicKeyPem() {
    return publicKeyPem;
  }
}
