package app.glimpse.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./glimpse bench import [--photos N]}: a server-folder import of N generated 12 MP photos
 * on one node, end to end through the batch job, the Artemis queue, the face engine and PostgreSQL.
 * The photos come from the face engine's own benchmark, which also gives the engine's rate on the
 * same photos and machine to compare with (target: the import reaches at least 80% of it). Both
 * rates are taken on warm code: the engine's after its warm-up, the import's after a first import
 * of six of the photos into another event. Ends with one {@code import-bench} summary line.
 */
public final class ImportBenchmark {

  public static void main(String[] args) throws Exception {
    int count = 100;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--photos")) {
        count = Integer.parseInt(args[i + 1]);
      }
    }
    Path dist =
        Path.of(System.getProperty("glimpse.dist", "server-config/target/dist")).toAbsolutePath();
    Path work = Files.createTempDirectory("glimpse-bench-import");
    try {
      Path photos = Files.createDirectories(work.resolve("photos"));
      double engineRate = engineBenchmark(dist, photos, count);
      // the engine's rate is taken after a warm-up; so is the import's: a first small import into
      // another event loads the models, compiles the hot code and opens the connections, as on a
      // server that has been running
      Path warmUp = Files.createDirectories(work.resolve("warm-up"));
      try (Stream<Path> generated = Files.list(photos)) {
        for (Path photo :
            generated.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(6).toList()) {
          Files.copy(photo, warmUp.resolve(photo.getFileName()));
        }
      }
      try (BenchNode node = BenchNode.start("import", work, Map.of())) {
        BenchApi api = node.api;
        node.importFolder(node.createEvent("Warm-up"), warmUp);
        String body = node.importFolder(node.createEvent("Import bench"), photos);
        String status = api.field(body, "status");
        int total = Integer.parseInt(api.field(body, "total"));
        int processed = Integer.parseInt(api.field(body, "processed"));
        int failed = Integer.parseInt(api.field(body, "failed"));
        int faces = Integer.parseInt(api.field(body, "faces"));
        double seconds =
            Duration.between(
                        Instant.parse(api.field(body, "startedAt")),
                        Instant.parse(api.field(body, "finishedAt")))
                    .toMillis()
                / 1000.0;
        double rate = (processed + failed) / seconds;
        System.out.printf(
            Locale.ROOT,
            "import-bench status=%s photos=%d processed=%d failed=%d faces=%d seconds=%.1f photos_per_s=%.2f"
                + " engine_photos_per_s=%.2f ratio=%.2f target_ratio=0.80%n",
            status,
            total,
            processed,
            failed,
            faces,
            seconds,
            rate,
            engineRate,
            rate / engineRate);
      }
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /**
   * Runs the face engine's benchmark, which writes the photos into {@code photos}; its photos/s.
   */
  private static double engineBenchmark(Path dist, Path photos, int count) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx2g",
            "-cp",
            dist.resolve("addlibs") + "/*",
            "app.glimpse.faces.cli.FacesCli",
            "bench",
            "faces",
            "--photos",
            Integer.toString(count),
            "--out",
            photos.toString()));
    Process bench = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(bench.getInputStream().readAllBytes());
    if (bench.waitFor() != 0) {
      throw new IllegalStateException("The face engine benchmark failed:\n" + output);
    }
    String summary =
        output
            .lines()
            .filter(line -> line.startsWith("faces-bench"))
            .reduce((a, b) -> b)
            .orElseThrow();
    System.out.println(summary);
    Matcher rate = Pattern.compile("photos_per_s=([0-9.]+)").matcher(summary);
    if (!rate.find()) {
      throw new IllegalStateException("No photos_per_s in: " + summary);
    }
    return Double.parseDouble(rate.group(1));
  }
}
