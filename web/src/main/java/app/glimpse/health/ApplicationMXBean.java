package app.glimpse.health;

/**
 * Glimpse's application as the JVM's management beans show it ({@code
 * app.glimpse:type=Application}): how the server's readiness gate (the module {@code readiness}, an
 * application of its own) learns that Glimpse has started.
 */
public interface ApplicationMXBean {

  /** Whether the web application has started and not yet begun to stop. */
  boolean isStarted();
}
