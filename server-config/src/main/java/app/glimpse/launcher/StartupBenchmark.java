package app.glimpse.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./glimpse bench startup}: starts Glimpse from the built artifacts on a free port with a fresh data
 * directory, twice (first start, then a restart on the same data), and reports the time to ready, the resident
 * memory of the whole process tree when idle, and the time to stop on SIGTERM. Ends with one {@code startup-bench}
 * summary line. Targets: ready in at most 25 s, at most 1 GB resident, stopped in at most 15 s.
 */
public final class StartupBenchmark {

  private static final Duration IDLE = Duration.ofSeconds(10);

  public static void main(String[] args) throws Exception {
    Path dist = Path.of(System.getProperty("glimpse.dist", "server-config/target/dist")).toAbsolutePath();
    Path data = Files.createTempDirectory("glimpse-bench-startup");
    try {
      Round first = round(dist, data, "first start");
      Round restart = round(dist, data, "restart");
      System.out.printf(
          Locale.ROOT,
          "startup-bench ready_s=%.1f first_ready_s=%.1f rss_mb=%d stop_s=%.1f target_ready_s=25 target_rss_mb=1024"
              + " target_stop_s=15%n",
          restart.readySeconds,
          first.readySeconds,
          Math.max(first.rssMegabytes, restart.rssMegabytes),
          Math.max(first.stopSeconds, restart.stopSeconds));
    } finally {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static Round round(Path dist, Path data, String name) throws Exception {
    int port = Glimpse.freePort();
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
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("GLIMPSE_HTTP_PORT", Integer.toString(port));
    builder.environment().put("GLIMPSE_DATA_DIR", data.toString());
    builder.environment().put("GLIMPSE_ADMIN_PASSWORD", "bench-password");
    builder.redirectErrorStream(true).redirectOutput(data.resolve(name.replace(' ', '-') + ".log").toFile());
    long started = System.nanoTime();
    Process glimpse = builder.start();
    try {
      awaitReady(glimpse, port);
      double ready = (System.nanoTime() - started) / 1e9;
      Thread.sleep(IDLE.toMillis());
      long rss = residentKilobytes(glimpse.toHandle()) / 1024;
      List<ProcessHandle> tree = new ArrayList<>(glimpse.descendants().toList());
      tree.add(glimpse.toHandle());
      long stopping = System.nanoTime();
      glimpse.destroy();
      for (ProcessHandle process : tree) {
        process.onExit().get(30, TimeUnit.SECONDS);
      }
      double stop = (System.nanoTime() - stopping) / 1e9;
      System.out.printf(
          Locale.ROOT, "%s: ready in %.1f s, %d MB resident when idle, stopped in %.1f s%n", name, ready, rss, stop);
      return new Round(ready, rss, stop);
    } finally {
      glimpse.descendants().forEach(ProcessHandle::destroyForcibly);
      glimpse.destroyForcibly();
    }
  }

  private static void awaitReady(Process glimpse, int port) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (!glimpse.isAlive()) {
        throw new IllegalStateException("Glimpse exited with " + glimpse.exitValue() + " before it was ready");
      }
      try {
        if (client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still booting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Glimpse was not ready within 3 minutes");
  }

  /** The resident set of a process and all its descendants, from /proc. */
  static long residentKilobytes(ProcessHandle root) {
    return Stream.concat(Stream.of(root), root.descendants())
        .mapToLong(process -> residentKilobytes(process.pid()))
        .sum();
  }

  private static long residentKilobytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // the process ended meanwhile
    }
    return 0;
  }

  private record Round(double readySeconds, long rssMegabytes, double stopSeconds) {}
}
