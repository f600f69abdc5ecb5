package app.glimpse.faces.cli;

import app.glimpse.faces.DetectedFace;
import app.glimpse.faces.FaceBox;
import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.PhotoAnalysis;
import app.glimpse.faces.StageTimes;
import app.glimpse.faces.UnreadableImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Throughput of the whole engine on camera-size photos, per stage and for the models alone.
 *
 * <p>Generates full-size 12 MP JPEGs (4000x3000, quality 92) with 1 to 8 faces cut from the
 * labelled photos in {@code ../shared/photos/deepface} and pasted at 40 to 500 px onto textured
 * backgrounds, writes the pasted boxes beside each photo ({@code bench-NN.tsv}), then analyses them
 * once on one thread (stage times) and once on all threads (photos/s). Photos already generated
 * with the same count are reused.
 */
final class FacesBench {
  private static final int WIDTH = 4000;
  private static final int HEIGHT = 3000;
  private static final int[] FACES_PER_PHOTO = {1, 2, 3, 4, 2, 3, 8, 3};

  private final FaceEngine engine;
  private final Map<String, String> options;

  FacesBench(FaceEngine engine, Map<String, String> options) {
    this.engine = engine;
    this.options = options;
  }

  void run() throws Exception {
    int count = Integer.parseInt(options.getOrDefault("photos", "24"));
    int threads =
        Integer.parseInt(
            options.getOrDefault(
                "threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
    Path out =
        Path.of(
            options.getOrDefault(
                "out",
                Path.of(System.getProperty("java.io.tmpdir"), "glimpse-faces-bench").toString()));
    engine.check();
    List<Path> photos = generate(out, count);
    List<byte[]> data = new ArrayList<>();
    for (Path p : photos) {
      data.add(Files.readAllBytes(p));
    }
    for (int i = 0; i < Math.min(2, data.size()); i++) {
      engine.analyze(data.get(i), "warm-up");
    }

    long decode = 0, detect = 0, embed = 0, preview = 0, model = 0, wall = 0;
    int truthFaces = 0, matched = 0, detected = 0, smallFaces = 0, smallMatched = 0;
    for (int i = 0; i < data.size(); i++) {
      long start = System.nanoTime();
      PhotoAnalysis analysis = engine.analyze(data.get(i), photos.get(i).getFileName().toString());
      wall += System.nanoTime() - start;
      StageTimes t = analysis.times();
      decode += t.decode();
      detect += t.detect();
      embed += t.embed();
      preview += t.preview();
      model += t.model();
      List<FaceBox> truth = truth(photos.get(i));
      truthFaces += truth.size();
      detected += analysis.faces().size();
      matched += matches(truth, analysis.faces());
      smallFaces += (int) truth.stream().filter(b -> b.size() < 80).count();
      smallMatched += matches(truth.stream().filter(b -> b.size() < 80).toList(), analysis.faces());
    }

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long parallelStart = System.nanoTime();
    try {
      List<Future<PhotoAnalysis>> results = new ArrayList<>();
      for (byte[] bytes : data) {
        results.add(pool.submit(() -> engine.analyze(bytes, "bench")));
      }
      for (Future<PhotoAnalysis> result : results) {
        result.get();
      }
    } finally {
      pool.shutdown();
    }
    double parallelSeconds = (System.nanoTime() - parallelStart) / 1e9;

    int n = data.size();
    double stageSum = (decode + detect + embed + preview) / 1e6 / n;
    double single = wall / 1e6 / n;
    double photosPerSecond = n / parallelSeconds;
    System.out.println(
        String.format(
            Locale.ROOT,
            "faces-bench detector=%s photos=%d size=%dx%d faces=%d threads=%d photos_per_s=%.2f"
                + " single_ms=%.1f decode_ms=%.1f detect_ms=%.1f embed_ms=%.1f preview_ms=%.1f"
                + " stage_sum_ms=%.1f overhead_pct=%.1f model_ms=%.1f parallel_speedup=%.2f"
                + " recall=%.3f recall_under_80px=%.3f extra_faces=%d",
            engine.check().detector().split(" ")[0],
            n,
            WIDTH,
            HEIGHT,
            truthFaces,
            threads,
            photosPerSecond,
            single,
            decode / 1e6 / n,
            detect / 1e6 / n,
            embed / 1e6 / n,
            preview / 1e6 / n,
            stageSum,
            100 * (single - stageSum) / stageSum,
            model / 1e6 / n,
            photosPerSecond * single / 1000,
            (double) matched / Math.max(1, truthFaces),
            (double) smallMatched / Math.max(1, smallFaces),
            detected - matched));
  }

  /** Truth boxes matched by a detection: IoU at least 0.3 (pasted crops have no exact face box). */
  private static int matches(List<FaceBox> truth, List<DetectedFace> faces) {
    int matched = 0;
    List<DetectedFace> left = new ArrayList<>(faces);
    for (FaceBox box : truth) {
      DetectedFace best = null;
      float bestIou = 0.3f;
      for (DetectedFace face : left) {
        float iou = box.iou(face.box());
        if (iou >= bestIou) {
          bestIou = iou;
          best = face;
        }
      }
      if (best != null) {
        left.remove(best);
        matched++;
      }
    }
    return matched;
  }

  private static List<FaceBox> truth(Path photo) throws IOException {
    Path tsv = photo.resolveSibling(photo.getFileName().toString().replace(".jpg", ".tsv"));
    List<FaceBox> boxes = new ArrayList<>();
    for (String line : Files.readAllLines(tsv)) {
      String[] v = line.split("\t");
      boxes.add(
          new FaceBox(
              Float.parseFloat(v[0]),
              Float.parseFloat(v[1]),
              Float.parseFloat(v[2]),
              Float.parseFloat(v[3])));
    }
    return boxes;
  }

  private List<Path> generate(Path out, int count) throws IOException, UnreadableImageException {
    Files.createDirectories(out);
    List<Path> photos = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      photos.add(out.resolve(String.format(Locale.ROOT, "bench-%02d.jpg", i)));
    }
    if (photos.stream().allMatch(Files::exists)) {
      return photos;
    }
    List<PastedFaces.Source> sources = faceSources();
    Random random = new Random(42);
    for (int i = 0; i < count; i++) {
      Mat canvas = PastedFaces.background(random, WIDTH, HEIGHT);
      List<FaceBox> placed = new ArrayList<>();
      int faces = FACES_PER_PHOTO[i % FACES_PER_PHOTO.length];
      for (int f = 0; f < faces; f++) {
        PastedFaces.Source source = sources.get(random.nextInt(sources.size()));
        PastedFaces.paste(canvas, source, PastedFaces.faceSize(random, 40, 500), random, placed);
      }
      PastedFaces.writeJpeg(canvas, photos.get(i), 92);
      StringBuilder tsv = new StringBuilder();
      for (FaceBox b : placed) {
        tsv.append(
            String.format(
                Locale.ROOT, "%.1f\t%.1f\t%.1f\t%.1f%n", b.x(), b.y(), b.width(), b.height()));
      }
      Files.writeString(
          photos.get(i).resolveSibling(String.format(Locale.ROOT, "bench-%02d.tsv", i)), tsv);
      canvas.release();
    }
    return photos;
  }

  private List<PastedFaces.Source> faceSources() throws IOException, UnreadableImageException {
    Path deepface = SharedPhotos.root().resolve("deepface");
    List<PastedFaces.Source> sources = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(deepface)) {
      files =
          list.filter(p -> p.getFileName().toString().matches("img\\d+\\.jpg")).sorted().toList();
    }
    for (Path file : files) {
      PhotoAnalysis analysis = engine.analyze(file);
      if (analysis.acceptedFaces().size() != 1) {
        continue;
      }
      Mat image = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
      PastedFaces.Source source =
          image.cols() == analysis.width()
              ? PastedFaces.crop(image, analysis.acceptedFaces().get(0).box())
              : null;
      image.release();
      if (source != null) {
        sources.add(source);
      }
    }
    if (sources.isEmpty()) {
      throw new IllegalStateException("no usable faces in " + deepface);
    }
    return sources;
  }
}
