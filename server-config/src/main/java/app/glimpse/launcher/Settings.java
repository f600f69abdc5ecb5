package app.glimpse.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's view of Glimpse's settings. Every setting is read from a system property ({@code
 * glimpse.data.dir}) or, failing that, from the environment ({@code GLIMPSE_DATA_DIR}), the same
 * mapping MicroProfile Config applies inside the server, so one name works everywhere. The README
 * lists every setting with its default.
 */
public final class Settings {

  private final Map<String, String> environment;

  public Settings(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public static Settings fromEnvironment() {
    return new Settings(System.getenv());
  }

  /** The value of a setting given by its environment name, e.g. {@code GLIMPSE_HTTP_PORT}. */
  public Optional<String> get(String envName) {
    String property = System.getProperty(envName.toLowerCase().replace('_', '.'));
    if (property == null) {
      property = environment.get(envName);
    }
    return Optional.ofNullable(property).map(String::strip).filter(v -> !v.isEmpty());
  }

  public int httpPort() {
    return get("GLIMPSE_HTTP_PORT").map(Integer::parseInt).orElse(8080);
  }

  public Path dataDir() {
    return Path.of(get("GLIMPSE_DATA_DIR").orElse("data")).toAbsolutePath().normalize();
  }

  /** An external database, when {@code GLIMPSE_DB_URL} is set; else the embedded one is started. */
  public Optional<String> databaseUrl() {
    return get("GLIMPSE_DB_URL");
  }

  public String databaseUser() {
    return get("GLIMPSE_DB_USER").orElse("postgres");
  }

  public String databasePassword() {
    return get("GLIMPSE_DB_PASSWORD").orElse("postgres");
  }

  /** An external broker ({@code tcp://host:port}), when {@code GLIMPSE_BROKER_URL} is set. */
  public Optional<BrokerAddress> brokerAddress() {
    return get("GLIMPSE_BROKER_URL").map(BrokerAddress::parse);
  }

  public String brokerUser() {
    return get("GLIMPSE_BROKER_USER").orElse("");
  }

  public String brokerPassword() {
    return get("GLIMPSE_BROKER_PASSWORD").orElse("");
  }

  /**
   * Whether this node joins a Payara Micro (Hazelcast) cluster, {@code GLIMPSE_CLUSTER}; off by
   * default, and then the server runs with {@code --nocluster}. Nodes share imports through the
   * broker and the database whether or not they cluster; the cluster adds the data grid (one view
   * of the members, clustered CDI events and caches).
   */
  public boolean cluster() {
    return get("GLIMPSE_CLUSTER").map(Boolean::parseBoolean).orElse(false);
  }

  /**
   * The cluster's name, {@code GLIMPSE_CLUSTER_NAME}: only nodes with the same name join each
   * other.
   */
  public String clusterName() {
    return get("GLIMPSE_CLUSTER_NAME").orElse("glimpse");
  }

  /**
   * How members find each other, as Payara Micro's {@code --clustermode}: {@code
   * GLIMPSE_CLUSTER_MODE} as given (e.g. {@code dns:glimpse.internal:5900} or {@code
   * multicast:224.2.2.4:2904}), else {@code tcpip:} and the members of {@code
   * GLIMPSE_CLUSTER_MEMBERS} ({@code host:port,host:port}), else none (Payara's default,
   * multicast).
   */
  public Optional<String> clusterMode() {
    Optional<String> mode = get("GLIMPSE_CLUSTER_MODE");
    if (mode.isPresent()) {
      return mode;
    }
    return get("GLIMPSE_CLUSTER_MEMBERS").map(members -> "tcpip:" + members.replace(" ", ""));
  }

  /**
   * The port this node's data grid listens on, {@code GLIMPSE_CLUSTER_PORT} (Payara Micro's {@code
   * --startport}; the next free one is taken if it is busy); Payara's default 6900 without it.
   */
  public Optional<Integer> clusterPort() {
    return get("GLIMPSE_CLUSTER_PORT").map(Integer::parseInt);
  }

  /**
   * This node's name, {@code GLIMPSE_NODE_NAME}: recorded with every photo it indexes and used as
   * the Payara instance name. Default: the host name and the HTTP port ({@code host-8080}).
   */
  public String nodeName() {
    return get("GLIMPSE_NODE_NAME").orElseGet(() -> hostName() + "-" + httpPort());
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  /**
   * Whether the console shows the server's whole log, {@code GLIMPSE_LOG=verbose}; by default
   * ({@code quiet}) it shows Glimpse's own lines and the server's warnings and errors, and the
   * whole log goes to {@link #serverLog()} either way.
   */
  public boolean verboseLog() {
    String log = get("GLIMPSE_LOG").orElse("quiet").toLowerCase(java.util.Locale.ROOT);
    return switch (log) {
      case "quiet" -> false;
      case "verbose" -> true;
      default ->
          throw new IllegalArgumentException("GLIMPSE_LOG must be quiet or verbose, not " + log);
    };
  }

  /**
   * The server's log file: {@code logs/server.log} in the data directory, or {@code
   * logs/<node>/server.log} when the node has a name of its own ({@code GLIMPSE_NODE_NAME}) or
   * joins a cluster, since such nodes usually share one data directory.
   */
  public Path serverLog() {
    Path logs = dataDir().resolve("logs");
    if (cluster() || get("GLIMPSE_NODE_NAME").isPresent()) {
      logs = logs.resolve(Glimpse.fileName(nodeName()));
    }
    return logs.resolve("server.log");
  }

  public String javaOptions() {
    return get("GLIMPSE_JAVA_OPTS").orElse("-Xms96m -Xmx512m -XX:+UseSerialGC -Xss512k");
  }

  /** The settings handed on to the server process, by their environment names. */
  public Map<String, String> forServer() {
    Map<String, String> server = new LinkedHashMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith("GLIMPSE_") || name.startsWith("MP_")) {
            server.put(name, value);
          }
        });
    System.getProperties()
        .forEach(
            (key, value) -> {
              String name = key.toString();
              if (name.startsWith("glimpse.")) {
                server.put(name.toUpperCase().replace('.', '_'), value.toString());
              }
            });
    server.put("GLIMPSE_DATA_DIR", dataDir().toString());
    server.put("GLIMPSE_HTTP_PORT", Integer.toString(httpPort()));
    server.put("GLIMPSE_NODE_NAME", nodeName());
    return server;
  }

  /** Where a broker listens: the part of {@code tcp://host:port} the resource adapter needs. */
  public record BrokerAddress(String host, int port) {

    public static BrokerAddress parse(String url) {
      String rest = url.strip();
      int scheme = rest.indexOf("://");
      if (scheme >= 0) {
        rest = rest.substring(scheme + 3);
      }
      int query = rest.indexOf('?');
      if (query >= 0) {
        rest = rest.substring(0, query);
      }
      int colon = rest.lastIndexOf(':');
      if (colon <= 0) {
        return new BrokerAddress(rest, 61616);
      }
      try {
        return new BrokerAddress(
            rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "GLIMPSE_BROKER_URL must look like tcp://host:port, not " + url, e);
      }
    }

    /** Artemis' Netty connector parameters. */
    public String connectionParameters() {
      return "host=" + host + ";port=" + port;
    }
  }
}
