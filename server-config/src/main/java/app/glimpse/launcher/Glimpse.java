package app.glimpse.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./glimpse run}: starts Glimpse on one machine. Unless an external database and broker are
 * configured it starts the embedded PostgreSQL and Artemis in this JVM, renders the server
 * resources for them, and runs Payara Micro with the Glimpse WAR as a child process. The services
 * start while Payara boots, so they cost no time of their own. On SIGTERM or Ctrl-C it stops the
 * server first (so nothing waits on a vanished broker), then the broker, then the database.
 *
 * <p>The console is the operator's: Glimpse's own lines (the first-start password, which the server
 * prints on its standard output and nowhere else, the address once ready, stopping) and the
 * warnings and errors of the server and of the embedded services, one line each ({@link
 * ConsoleLines}). Their whole log goes to {@link Settings#serverLog()} ({@link ServerLog}); {@code
 * GLIMPSE_LOG=verbose} shows it on the console as well.
 */
public final class Glimpse {

  private static final Logger LOG = Logger.getLogger(Glimpse.class.getName());
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration SERVER_STOP_TIMEOUT = Duration.ofSeconds(11);

  private static final Duration OUTPUT_DRAIN_TIMEOUT = Duration.ofSeconds(2);

  private final Settings settings;
  private final Path dist;
  private volatile ServerLog log;

  /** The threads reading the server's output; the shutdown hook waits for them. */
  private final List<Thread> output = new CopyOnWriteArrayList<>();

  /** The account the node signs in to its embedded broker with. */
  static final String EMBEDDED_BROKER_USER = "glimpse";

  private volatile Process server;
  private volatile boolean stopping;
  private volatile CompletableFuture<EmbeddedBroker> broker =
      CompletableFuture.completedFuture(null);
  private volatile CompletableFuture<EmbeddedDatabase> database =
      CompletableFuture.completedFuture(null);

  Glimpse(Settings settings, Path dist) {
    this.settings = settings;
    this.dist = dist;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s [%3$s] %5$s%6$s%n");
    String command = args.length == 0 ? "help" : args[0];
    if (!command.equals("run")) {
      System.err.println("usage: glimpse run");
      System.exit(command.equals("help") ? 0 : 2);
    }
    Path dist =
        Path.of(System.getProperty("glimpse.dist", "server-config/target/dist")).toAbsolutePath();
    Glimpse glimpse = new Glimpse(Settings.fromEnvironment(), dist);
    Runtime.getRuntime().addShutdownHook(new Thread(glimpse::stop, "glimpse-stop"));
    System.exit(glimpse.run());
  }

  int run() throws Exception {
    long started = System.nanoTime();
    Path dataDir = settings.dataDir();
    // photos, previews, uploads, the database and the passwords: the account running Glimpse only
    OwnerOnly.directory(dataDir);
    log = ServerLog.open(settings.serverLog());
    logLauncherTo(log, settings.verboseLog());
    System.out.printf("Starting Glimpse (server log: %s) ...%n", log.file());

    String jdbcUrl;
    String databaseUser = settings.databaseUser();
    String databasePassword = settings.databasePassword();
    if (settings.databaseUrl().isPresent()) {
      jdbcUrl = settings.databaseUrl().get();
    } else {
      int port = freePort();
      jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE;
      databaseUser = EmbeddedDatabase.USER;
      databasePassword = OwnerOnly.password(dataDir, "database");
      String password = databasePassword;
      database =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return EmbeddedDatabase.start(dataDir.resolve("postgres"), port, password);
                } catch (IOException e) {
                  throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage(), e);
                }
              });
    }

    Settings.BrokerAddress brokerAddress;
    String brokerUser = settings.brokerUser();
    String brokerPassword = settings.brokerPassword();
    if (settings.brokerAddress().isPresent()) {
      brokerAddress = settings.brokerAddress().get();
    } else {
      int port = freePort();
      brokerAddress = new Settings.BrokerAddress("127.0.0.1", port);
      brokerUser = EMBEDDED_BROKER_USER;
      brokerPassword = OwnerOnly.password(dataDir, "broker");
      String password = brokerPassword;
      broker =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return EmbeddedBroker.start(
                      dataDir.resolve("broker"),
                      port,
                      EmbeddedBroker.DELIVERY_ATTEMPTS,
                      EMBEDDED_BROKER_USER,
                      password);
                } catch (Exception e) {
                  throw new IllegalStateException("Artemis did not start: " + e.getMessage(), e);
                }
              });
    }

    if (settings.cluster()
        && (settings.databaseUrl().isEmpty() || settings.brokerAddress().isEmpty())) {
      LOG.warning(
          "GLIMPSE_CLUSTER is on, but this node starts its own database or broker on loopback, which"
              + " no other node can share: give every node GLIMPSE_DB_URL and GLIMPSE_BROKER_URL");
    }
    Path postBoot =
        ServerResources.write(
            dataDir
                .resolve("run")
                .resolve(fileName(settings.nodeName()))
                .resolve("post-boot.asadmin"),
            new ServerResources.Target(
                jdbcUrl,
                databaseUser,
                databasePassword,
                brokerAddress,
                brokerUser,
                brokerPassword,
                dist.resolve("artemis-ra.rar")));

    server = startServer(postBoot);
    try {
      database.join();
      broker.join();
    } catch (CompletionException e) {
      System.err.println("Glimpse cannot start: " + e.getCause().getMessage());
      return 1;
    }
    if (awaitReady(started)) {
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "Glimpse is ready at http://localhost:%d/ in %.1f s (data in %s)%n",
          settings.httpPort(), seconds, dataDir);
    }
    int exit = server.waitFor();
    if (!stopping) {
      awaitOutput();
      System.err.printf("Glimpse's server ended with exit code %d; see %s%n", exit, log.file());
    }
    return exit;
  }

  /**
   * The launcher's own log records (the embedded PostgreSQL and Artemis, the launcher itself) go to
   * the server log; the console keeps the warnings and errors, or everything if {@code verbose}.
   */
  private static void logLauncherTo(ServerLog log, boolean verbose) {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      if (handler instanceof ConsoleHandler) {
        handler.setLevel(verbose ? Level.INFO : Level.WARNING);
      }
    }
    root.addHandler(log.handler());
  }

  private Process startServer(Path postBoot) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(settings.javaOptions().split("\\s+")));
    command.add("-Dmp.health.default.readiness.empty.response=DOWN");
    command.addAll(
        List.of(
            "-jar",
            dist.resolve("payara-micro.jar").toString(),
            "--disablephonehome",
            "--port",
            Integer.toString(settings.httpPort()),
            "--addlibs",
            dist.resolve("addlibs").toString(),
            "--postbootcommandfile",
            postBoot.toString(),
            "--deploy",
            dist.resolve("glimpse.war").toString(),
            "--contextroot",
            "/"));
    command.addAll(clusterOptions(settings));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(Redirect.INHERIT);
    builder.environment().putAll(settings.forServer());
    LOG.log(Level.FINE, "Starting {0}", command);
    Process process = builder.start();
    // the server's standard output is the operator's (the first-start password), its log goes to
    // the file and, filtered, to the console
    output.add(read(process.getInputStream(), "server-stdout", System.out::println));
    boolean verbose = settings.verboseLog();
    ConsoleLines console = new ConsoleLines();
    output.add(
        read(
            process.getErrorStream(),
            "server-log",
            line -> {
              log.line(line);
              if (verbose) {
                System.err.println(line);
              } else {
                console.console(line).ifPresent(System.err::println);
              }
            }));
    return process;
  }

  /** Hands each line of {@code stream} to {@code lines} on a thread of its own, until it ends. */
  private static Thread read(InputStream stream, String name, Consumer<String> lines) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, Charset.defaultCharset()))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.accept(line);
                }
              } catch (IOException ended) {
                // the server is gone
              }
            },
            name);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  /** Waits a little for the server's last lines to be written. */
  private void awaitOutput() {
    for (Thread reader : output) {
      try {
        reader.join(OUTPUT_DRAIN_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Payara Micro's clustering options: {@code --nocluster} for a single node (else Hazelcast's
   * multicast discovery joins whatever else runs nearby); with {@code GLIMPSE_CLUSTER} the
   * cluster's name, discovery mode, data grid port and this node's instance name.
   */
  static List<String> clusterOptions(Settings settings) {
    if (!settings.cluster()) {
      return List.of("--nocluster");
    }
    List<String> options = new ArrayList<>();
    options.addAll(List.of("--clustername", settings.clusterName()));
    settings.clusterMode().ifPresent(mode -> options.addAll(List.of("--clustermode", mode)));
    settings
        .clusterPort()
        .ifPresent(port -> options.addAll(List.of("--startport", Integer.toString(port))));
    options.addAll(List.of("--name", settings.nodeName()));
    return options;
  }

  /** A node name made safe as one path element: each node renders its own post-boot file. */
  static String fileName(String nodeName) {
    return nodeName.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private boolean awaitReady(long started) throws InterruptedException {
    // HTTP/1.1, as LocalGlimpse.awaitReady explains
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    URI ready = URI.create("http://127.0.0.1:" + settings.httpPort() + "/health/ready");
    long deadline = started + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && server.isAlive()) {
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (LocalGlimpse.isReady(response)) {
          return true;
        }
      } catch (IOException notYet) {
        // the server is still booting
      }
      Thread.sleep(200);
    }
    if (server.isAlive()) {
      LOG.log(
          Level.WARNING,
          "Glimpse is not ready after {0}; see {1}",
          new Object[] {READY_TIMEOUT, ready});
    }
    return false;
  }

  /**
   * Stops the server, then the broker, then the database; each step runs even if an earlier one
   * failed.
   */
  void stop() {
    stopping = true;
    Process process = server;
    boolean running = process != null && process.isAlive();
    if (running) {
      System.out.println("Stopping Glimpse ...");
      process.destroy();
      try {
        if (!process.waitFor(SERVER_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          LOG.warning("Payara did not stop in time; killing it");
          process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    close("broker", broker);
    close("database", database);
    awaitOutput();
    if (running) {
      System.out.println("Glimpse stopped.");
    }
    ServerLog file = log;
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        System.err.println("Closing " + file.file() + " failed: " + e.getMessage());
      }
    }
  }

  /**
   * Closes an embedded service, waiting for it if it is still starting; a service that failed has
   * nothing to close.
   */
  private static void close(String name, CompletableFuture<? extends AutoCloseable> service) {
    try {
      AutoCloseable started = service.get(60, TimeUnit.SECONDS);
      if (started != null) {
        started.close();
      }
    } catch (ExecutionException failedToStart) {
      // nothing runs
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Stopping the " + name + " failed", e);
    }
  }

  /** A free TCP port on this machine. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
