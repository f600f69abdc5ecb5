package app.glimpse.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This node's name in a cluster: {@code glimpse.node.name} / {@code GLIMPSE_NODE_NAME} (the
 * launcher always sets it, by default to the host name and the HTTP port), else the host name.
 * Recorded with the photos the node indexes.
 */
public final class NodeName {

  private static final String NAME = resolve();

  private NodeName() {}

  public static String get() {
    return NAME;
  }

  private static String resolve() {
    String configured = System.getProperty("glimpse.node.name");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("GLIMPSE_NODE_NAME");
    }
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
