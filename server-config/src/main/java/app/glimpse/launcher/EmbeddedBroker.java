package app.glimpse.launcher;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * An ActiveMQ Artemis broker inside the launcher's JVM for a single-machine Glimpse. The server
 * reaches it through the Artemis resource adapter over TCP on loopback, exactly as it would reach
 * an external broker, and its journal lives under the Glimpse data directory so that queued work
 * survives a restart.
 */
public final class EmbeddedBroker implements AutoCloseable {

  /**
   * Artemis' audit loggers write a line per message acknowledged: quiet them (held here, since
   * java.util.logging keeps loggers only weakly).
   */
  private static final java.util.List<java.util.logging.Logger> QUIET =
      java.util.stream.Stream.of(
              "org.apache.activemq.audit.base",
              "org.apache.activemq.audit.message",
              "org.apache.activemq.audit.resource")
          .map(java.util.logging.Logger::getLogger)
          .peek(logger -> logger.setLevel(java.util.logging.Level.WARNING))
          .toList();

  private final EmbeddedActiveMQ broker;
  private final int port;

  private EmbeddedBroker(EmbeddedActiveMQ broker, int port) {
    this.broker = broker;
    this.port = port;
  }

  /**
   * How often the broker delivers a file before it gives up and moves it to the dead letters
   * ({@code DLQ}), with a delay from 1 s doubling up to 30 s between attempts.
   */
  public static final int DELIVERY_ATTEMPTS = 5;

  public static EmbeddedBroker start(Path dataDir, int port) throws Exception {
    return start(dataDir, port, DELIVERY_ATTEMPTS);
  }

  /**
   * A broker that delivers a message at most {@code deliveryAttempts} times; tests use fewer than
   * {@link #DELIVERY_ATTEMPTS} to show that Glimpse does not spend them on outages.
   */
  public static EmbeddedBroker start(Path dataDir, int port, int deliveryAttempts)
      throws Exception {
    return start(dataDir, port, deliveryAttempts, null, null);
  }

  /**
   * A broker as {@link #start(Path, int, int)} starts it; with a {@code user} (not null), it
   * accepts only connections that sign in as {@code user} with {@code password}, as {@code
   * ./glimpse run} starts it. Without, it is open to every local connection, as tests and
   * benchmarks use it in place of a studio's own broker.
   */
  public static EmbeddedBroker start(
      Path dataDir, int port, int deliveryAttempts, String user, String password) throws Exception {
    Configuration configuration =
        new ConfigurationImpl()
            .setName("glimpse")
            .setPersistenceEnabled(true)
            .setSecurityEnabled(user != null)
            .setJMXManagementEnabled(false)
            .setJournalType(JournalType.NIO)
            .setJournalDirectory(dataDir.resolve("journal").toString())
            .setBindingsDirectory(dataDir.resolve("bindings").toString())
            .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
            .setPagingDirectory(dataDir.resolve("paging").toString())
            .setJournalFileSize(2 * 1024 * 1024)
            .setJournalMinFiles(2)
            .setGlobalMaxSize(32L * 1024 * 1024)
            .setThreadPoolMaxSize(8)
            .setScheduledThreadPoolMaxSize(2)
            .setCriticalAnalyzer(false);
    configuration.addAcceptorConfiguration("loopback", "tcp://127.0.0.1:" + port);
    configuration.addAddressSetting(
        "#",
        new AddressSettings()
            .setDeadLetterAddress(SimpleString.of("DLQ"))
            .setExpiryAddress(SimpleString.of("ExpiryQueue"))
            .setMaxDeliveryAttempts(deliveryAttempts)
            .setRedeliveryDelay(1000)
            .setRedeliveryMultiplier(2)
            .setMaxRedeliveryDelay(30_000)
            .setAutoCreateQueues(true)
            .setAutoCreateAddresses(true)
            .setAutoCreateDeadLetterResources(true));
    EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    broker.setConfiguration(configuration);
    if (user != null) {
      broker.setSecurityManager(new OneAccount(user, password));
    }
    broker.start();
    return new EmbeddedBroker(broker, port);
  }

  /**
   * How many consumers the queue {@code name} has right now (0 if it does not exist yet): a node's
   * consumers leave it when the broker closes the node's connection.
   */
  public int consumers(String name) {
    org.apache.activemq.artemis.core.server.Queue queue =
        broker.getActiveMQServer().locateQueue(SimpleString.of(name));
    return queue == null ? 0 : queue.getConsumerCount();
  }

  /** Messages of the queue {@code name} not yet acknowledged, delivered or waiting. */
  public long messages(String name) {
    org.apache.activemq.artemis.core.server.Queue queue =
        broker.getActiveMQServer().locateQueue(SimpleString.of(name));
    return queue == null ? 0 : queue.getMessageCount();
  }

  /**
   * Messages at the dead-letter address {@code DLQ}, in all of its queues (the broker creates one
   * per address whose messages end there, e.g. {@code DLQ.glimpse.import.files}).
   */
  public long deadLetters() throws Exception {
    long count = 0;
    for (SimpleString name :
        broker.getActiveMQServer().bindingQuery(SimpleString.of("DLQ")).getQueueNames()) {
      count += messages(name.toString());
    }
    return count;
  }

  /** One account that may do everything; nobody else may connect. */
  private record OneAccount(String user, String password)
      implements org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager {

    @Override
    public boolean validateUser(String user, String password) {
      return user != null
          && password != null
          && java.security.MessageDigest.isEqual(bytes(user), bytes(this.user))
          && java.security.MessageDigest.isEqual(bytes(password), bytes(this.password));
    }

    @Override
    public boolean validateUserAndRole(
        String user,
        String password,
        java.util.Set<org.apache.activemq.artemis.core.security.Role> roles,
        org.apache.activemq.artemis.core.security.CheckType checkType) {
      return validateUser(user, password);
    }

    private static byte[] bytes(String text) {
      return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * A broker in a process of its own, for outage tests that end it with SIGKILL: {@code <journal
   * directory> <port> <delivery attempts>}; it runs until the process ends.
   */
  public static void main(String[] args) throws Exception {
    EmbeddedBroker broker =
        start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    System.out.println("Broker ready on port " + broker.port());
    Thread.currentThread().join();
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    broker.stop();
  }
}
