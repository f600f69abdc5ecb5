package app.glimpse.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code glimpse-resources.asadmin}, the server resources of Glimpse as asadmin commands,
 * for a given database and broker. Payara Micro runs the result as its post-boot command file; the
 * EAR test runs the same file on Payara Server, so both deployables get the same resources.
 */
public final class ServerResources {

  private static final String TEMPLATE = "glimpse-resources.asadmin";
  private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");
  private static final Set<String> RAW = Set.of("RAR", "READINESS", "BROKER_CREDENTIALS");

  /** The readiness gate's WAR in the distribution, beside the resource adapter. */
  public static final String READINESS_GATE = "glimpse-readiness.war";

  private ServerResources() {}

  /**
   * The commands with every placeholder replaced by its value, escaped for an asadmin property
   * list.
   *
   * @param values DB_URL, DB_USER, DB_PASSWORD, BROKER_PARAMS (escaped here), BROKER_CREDENTIALS
   *     (from {@link #brokerCredentials}), RAR and READINESS (the readiness gate's WAR; taken as
   *     they are)
   */
  public static String render(Map<String, String> values) {
    String template;
    try (InputStream in = ServerResources.class.getResourceAsStream(TEMPLATE)) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException("No value for @" + name + "@ in " + TEMPLATE);
      }
      String escaped = RAW.contains(name) ? value : escapeProperty(value);
      matcher.appendReplacement(out, Matcher.quoteReplacement(escaped));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The commands for {@code target}. */
  public static String render(Target target) {
    return render(target.values());
  }

  /** Writes the commands for {@code target} to {@code file} and returns it. */
  public static Path write(Path file, Target target) throws IOException {
    // it holds the database's and the broker's passwords
    return OwnerOnly.write(file, render(target));
  }

  /**
   * The database and broker the resources point to, and where the resource adapter archive lies;
   * the readiness gate ({@value #READINESS_GATE}) lies beside it.
   */
  public record Target(
      String jdbcUrl,
      String databaseUser,
      String databasePassword,
      Settings.BrokerAddress broker,
      String brokerUser,
      String brokerPassword,
      Path resourceAdapter) {

    /**
     * The embedded database (its superuser) and an embedded broker without security on loopback.
     */
    public static Target embedded(String jdbcUrl, int brokerPort, Path resourceAdapter) {
      return new Target(
          jdbcUrl,
          EmbeddedDatabase.USER,
          EmbeddedDatabase.USER,
          new Settings.BrokerAddress("127.0.0.1", brokerPort),
          "",
          "",
          resourceAdapter);
    }

    Map<String, String> values() {
      return Map.of(
          "DB_URL",
          jdbcUrl,
          "DB_USER",
          databaseUser,
          "DB_PASSWORD",
          databasePassword,
          "BROKER_PARAMS",
          broker.connectionParameters(),
          "BROKER_CREDENTIALS",
          brokerCredentials(brokerUser, brokerPassword),
          "RAR",
          resourceAdapter.toString(),
          "READINESS",
          resourceAdapter.resolveSibling(READINESS_GATE).toString());
    }
  }

  /**
   * The broker credentials as extra adapter properties; none at all for a broker without security.
   */
  public static String brokerCredentials(String user, String password) {
    if (user.isEmpty()) {
      return "";
    }
    return ":UserName=" + escapeProperty(user) + ":Password=" + escapeProperty(password);
  }

  /**
   * The commands as {@code asadmin multimode --file} on a full Payara Server needs them. Unlike
   * Payara Micro's post-boot command file, the asadmin client reads a backslash as an escape, so
   * the property escapes ({@code \:}) need one more level.
   */
  public static String forAsadminClient(String commands) {
    return commands.replace("\\", "\\\\");
  }

  /**
   * asadmin splits a property list at ':' and each property at '='; both are escaped with a
   * backslash.
   */
  static String escapeProperty(String value) {
    return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
  }
}
