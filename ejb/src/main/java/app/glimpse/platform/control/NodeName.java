package app.glimpse.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This node's name in a cluster: {@code glimpse.node.name} / {@code GLIMPSE_NODE_NAME} (the
 * launcher always sets it, by default to the host name and the HTTP port), else the host name.
 * Recorded with the photos the node indexes. On a Payara Server cluster set {@code
 * glimpse.node.name} per instance, since instances on one host share its name.
 */
@ApplicationScoped
public class NodeName {

  /** The width of {@code photo.indexed_by}. */
  private static final int MAX_LENGTH = 200;

  private String name;

  /** Resolved once, when the application first asks. */
  @PostConstruct
  void resolveName() {
    name = truncate(resolve());
  }

  public String get() {
    return name;
  }

  private static String truncate(String name) {
    return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH);
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
