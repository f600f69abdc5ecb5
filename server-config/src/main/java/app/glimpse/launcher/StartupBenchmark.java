package app.glimpse.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./glimpse bench startup}: starts Glimpse from the built artifacts on a free port with a
 * fresh data directory, twice (first start, then a restart on the same data), and reports the time
 * to ready, the resident memory of the whole process tree when idle, and the time to stop on
 * SIGTERM. Ends with one {@code startup-bench} summary line. Targets: ready in at most 25 s, at
 * most 1 GB resident, stopped in at most 15 s.
 */
public final class StartupBenchmark {

  private static final Duration IDLE = Duration.ofSeconds(10);

  public static void main(String[] args) throws Exception {
    Path dist =
        Path.of(System.getProperty("glimpse.dist", "server-config/target/dist")).toAbsolutePath();
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
    long started = System.nanoTime();
    try (LocalGlimpse glimpse =
        LocalGlimpse.start(
            LocalGlimpse.launcherCommand(dist),
            Glimpse.freePort(),
            Map.of("GLIMPSE_DATA_DIR", data.toString(), "GLIMPSE_ADMIN_PASSWORD", "bench-password"),
            data.resolve(name.replace(' ', '-') + ".log"))) {
      glimpse.awaitReady(Duration.ofMinutes(3));
      double ready = (System.nanoTime() - started) / 1e9;
      Thread.sleep(IDLE.toMillis());
      long rss = glimpse.residentKilobytes() / 1024;
      double stop = glimpse.stop(Duration.ofSeconds(30)).toMillis() / 1000.0;
      System.out.printf(
          Locale.ROOT,
          "%s: ready in %.1f s, %d MB resident when idle, stopped in %.1f s%n",
          name,
          ready,
          rss,
          stop);
      return new Round(ready, rss, stop);
    }
  }

  private record Round(double readySeconds, long rssMegabytes, double stopSeconds) {}
}
