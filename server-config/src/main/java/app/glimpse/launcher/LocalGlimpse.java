package app.glimpse.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A whole Glimpse (launcher, embedded services, Payara Micro) started as {@code ./glimpse run}
 * would start it, as a child process on a port of the caller's choice. The startup benchmark and
 * the end-to-end tests drive it.
 */
public final class LocalGlimpse implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path dataDir;
  private final Path serverLog;

  private LocalGlimpse(Process process, int port, Path dataDir, Path serverLog) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
    this.serverLog = serverLog;
  }

  /**
   * The command that {@code ./glimpse run} ends in: the launcher JVM on the built artifacts in
   * {@code dist}.
   */
  public static List<String> launcherCommand(Path dist) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xms32m",
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xss512k",
            "-Dglimpse.dist=" + dist,
            "-cp",
            dist.resolve("launcher") + "/*",
            Glimpse.class.getName(),
            "run"));
    return command;
  }

  /**
   * Starts Glimpse with {@code command} (for example {@link #launcherCommand} or {@code ./glimpse
   * run}), the given settings (environment names) and its console appended to {@code log}; the
   * server's whole log is in {@link #serverLog()}.
   */
  public static LocalGlimpse start(
      List<String> command, int port, Map<String, String> settings, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(settings);
    builder.environment().put("GLIMPSE_HTTP_PORT", Integer.toString(port));
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Path dataDir =
        Path.of(settings.getOrDefault("GLIMPSE_DATA_DIR", "data")).toAbsolutePath().normalize();
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("GLIMPSE_HTTP_PORT", Integer.toString(port));
    return new LocalGlimpse(builder.start(), port, dataDir, new Settings(all).serverLog());
  }

  /** The server's log file ({@link Settings#serverLog()}), which the console shows little of. */
  public Path serverLog() {
    return serverLog;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public Process process() {
    return process;
  }

  /**
   * Waits until {@code /health/ready} answers 200. Over HTTP/1.1, as the tests' API client: in two
   * ClusterIT runs every request of this client to the second node timed out for three minutes
   * although that node's launcher had found it ready, which points at the cleartext HTTP/2
   * connection the JDK client upgrades to and keeps (Payara's listener hangs on it, see
   * GlimpseRunIT).
   */
  public void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest ready =
        HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Glimpse exited with " + process.exitValue() + " before it was ready");
      }
      try {
        HttpResponse<String> response = client.send(ready, HttpResponse.BodyHandlers.ofString());
        if (isReady(response)) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException notYet) {
        last = String.valueOf(notYet); // still booting, or the check did not answer in time
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "Glimpse was not ready within " + timeout + "; /health/ready last said: " + last);
  }

  /**
   * Whether a {@code /health/ready} answer means ready: UP, and with the application's own checks
   * in it. Payara answers UP with no checks at all while the application is still deploying.
   */
  static boolean isReady(HttpResponse<String> response) {
    return response.statusCode() == 200 && response.body().contains("\"application\"");
  }

  /** The resident memory of the launcher and every process it started, from /proc. */
  public long residentKilobytes() {
    return tree().stream().mapToLong(LocalGlimpse::residentKilobytes).sum();
  }

  /**
   * The launcher, its descendants, and the embedded PostgreSQL, which detaches from its parent
   * ({@code pg_ctl start}) and is found by its data directory.
   */
  private List<ProcessHandle> tree() {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process.toHandle());
    tree.addAll(process.descendants().toList());
    tree.addAll(EmbeddedDatabase.processes(dataDir.resolve("postgres")));
    return tree;
  }

  private static long residentKilobytes(ProcessHandle process) {
    try {
      for (String line :
          java.nio.file.Files.readAllLines(
              Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // the process ended meanwhile
    }
    return 0;
  }

  /**
   * Sends SIGTERM, as Ctrl-C would, and waits until the launcher and every process it started have
   * ended.
   *
   * @return how long that took
   * @throws TimeoutException if anything is still running after {@code timeout}
   */
  public Duration stop(Duration timeout) throws InterruptedException, TimeoutException {
    List<ProcessHandle> tree = tree();
    long stopping = System.nanoTime();
    process.destroy();
    long deadline = stopping + timeout.toNanos();
    for (ProcessHandle member : tree) {
      try {
        member.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    return Duration.ofNanos(System.nanoTime() - stopping);
  }

  /** Kills whatever is left; for clean-up after a failure. */
  @Override
  public void close() {
    tree().forEach(ProcessHandle::destroyForcibly);
  }
}
