package app.glimpse.faces.cli;

import app.glimpse.faces.DetectedFace;
import app.glimpse.faces.FaceBox;
import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.FaceEngineConfig;
import app.glimpse.faces.PhotoAnalysis;
import app.glimpse.faces.UnreadableImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Selfie search on synthetic event photos, with selfies that are not in them.
 *
 * <p>Of each labelled identity, the first photo listed in {@code identities.tsv} is held out as the
 * selfie; faces are cut from its other photos (those where the default engine accepts exactly one
 * face, so that every detector is measured on the same photos) and pasted, 2 to 5 identities and 0
 * to 3 strangers per photo, at 40 to 500 px (never larger than the face in its source photo) onto
 * {@value #WIDTH}x{@value #HEIGHT} textured backgrounds. Strangers are the faces the default engine
 * accepts in the unlabelled group photos ({@code --strangers DIR}, default {@code groups-unlabeled}
 * beside the photo folder). The photos and their ground truth ({@code event-NN.tsv}: identity or
 * {@code stranger}, then the pasted face box) are written to {@code --events-out} (default {@code
 * $TMPDIR/glimpse-faces-eval-events}) and rebuilt on every run, the same for the same {@code
 * --events-seed}.
 *
 * <p>Each event photo goes through {@link FaceEngine#analyze}, each selfie through {@link
 * FaceEngine#facesForSearch} (its first face if accepted); a photo scores its best accepted face
 * and is returned at the threshold, as the search does.
 */
final class EventSearch {
  static final int WIDTH = 3000;
  static final int HEIGHT = 2000;
  static final long SEED = 2024;

  private final FaceEngine engine;
  private final long seed;

  EventSearch(FaceEngine engine, long seed) {
    this.engine = engine;
    this.seed = seed;
  }

  /** What a run measured. */
  record Result(
      int photos,
      int selfies,
      int selfiesUnusable,
      int faces,
      int facesAccepted,
      int strangers,
      SearchQuality.Tally tally) {}

  /** One pasted face: its identity ({@code null} for a stranger) and box. */
  private record Pasted(String identity, FaceBox box) {}

  Result run(
      Path dir,
      List<String[]> labelled,
      Map<String, PhotoAnalysis> analyses,
      Path strangersDir,
      Path out,
      int count,
      double threshold)
      throws IOException {
    // Faces are cut where the default engine finds them, whatever engine is measured, so that every
    // detector is measured on the same photos.
    FaceEngine cutter =
        engine.config().equals(FaceEngineConfig.defaults())
            ? engine
            : FaceEngine.create(FaceEngineConfig.defaults());
    Map<String, String> selfies = new LinkedHashMap<>();
    Map<String, List<PastedFaces.Source>> sources = new LinkedHashMap<>();
    List<PastedFaces.Source> strangers = new ArrayList<>();
    try {
      Map<String, List<String>> files = new TreeMap<>();
      for (String[] row : labelled) {
        files.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
      }
      for (Map.Entry<String, List<String>> identity : files.entrySet()) {
        List<String> photos = identity.getValue();
        selfies.put(identity.getKey(), photos.get(0));
        List<PastedFaces.Source> cut = new ArrayList<>();
        for (String file : photos.subList(1, photos.size())) {
          PhotoAnalysis analysis =
              cutter == engine ? analyses.get(file) : analyse(cutter, dir.resolve(file));
          if (analysis != null && analysis.acceptedFaces().size() == 1) {
            cut.addAll(crops(dir.resolve(file), analysis, true));
          }
        }
        sources.put(identity.getKey(), cut);
      }
      if (strangersDir != null && Files.isDirectory(strangersDir)) {
        for (Path file : images(strangersDir)) {
          PhotoAnalysis analysis = analyse(cutter, file);
          if (analysis != null) {
            strangers.addAll(crops(file, analysis, false));
          }
        }
      }
    } finally {
      if (cutter != engine) {
        cutter.close();
      }
    }
    try {
      return measure(out, count, threshold, dir, selfies, sources, strangers);
    } finally {
      sources.values().forEach(list -> list.forEach(s -> s.crop().release()));
      strangers.forEach(s -> s.crop().release());
    }
  }

  private static PhotoAnalysis analyse(FaceEngine engine, Path file) throws IOException {
    try {
      return engine.analyze(file);
    } catch (UnreadableImageException e) {
      return null;
    }
  }

  private Result measure(
      Path out,
      int count,
      double threshold,
      Path dir,
      Map<String, String> selfies,
      Map<String, List<PastedFaces.Source>> sources,
      List<PastedFaces.Source> strangers)
      throws IOException {
    Files.createDirectories(out);
    List<String> identities = new ArrayList<>(sources.keySet());
    identities.removeIf(id -> sources.get(id).isEmpty());
    Random random = new Random(seed);
    List<List<Pasted>> truth = new ArrayList<>();
    List<List<DetectedFace>> found = new ArrayList<>();
    int faces = 0;
    int facesAccepted = 0;
    int strangerFaces = 0;
    for (int i = 0; i < count; i++) {
      String name = String.format(Locale.ROOT, "event-%02d", i);
      List<Pasted> pasted = generate(random, identities, sources, strangers, out, name);
      PhotoAnalysis analysis;
      try {
        analysis = engine.analyze(Files.readAllBytes(out.resolve(name + ".jpg")), name);
      } catch (UnreadableImageException e) {
        throw new IllegalStateException("generated photo unreadable: " + name, e);
      }
      List<DetectedFace> accepted = analysis.acceptedFaces();
      truth.add(pasted);
      found.add(accepted);
      List<String> people = new ArrayList<>();
      for (Pasted p : pasted) {
        if (p.identity() == null) {
          strangerFaces++;
          continue;
        }
        people.add(p.identity());
        faces++;
        if (accepted.stream().anyMatch(f -> p.box().iou(f.box()) >= 0.3f)) {
          facesAccepted++;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%s.jpg\t%dx%d\tpeople=%s\tstrangers=%d\tfaces=%d\taccepted=%d%n",
          name,
          analysis.width(),
          analysis.height(),
          String.join(",", people),
          pasted.size() - people.size(),
          analysis.faces().size(),
          accepted.size());
    }

    List<SearchQuality.Judged> judged = new ArrayList<>();
    int unusable = 0;
    for (Map.Entry<String, String> selfie : selfies.entrySet()) {
      float[] query = null;
      try {
        List<DetectedFace> selfieFaces =
            engine.facesForSearch(Files.readAllBytes(dir.resolve(selfie.getValue())));
        if (!selfieFaces.isEmpty() && selfieFaces.get(0).accepted()) {
          query = selfieFaces.get(0).embedding();
        }
      } catch (UnreadableImageException e) {
        // unusable
      }
      if (query == null) {
        unusable++;
      }
      for (int i = 0; i < count; i++) {
        String identity = selfie.getKey();
        boolean shows = truth.get(i).stream().anyMatch(p -> identity.equals(p.identity()));
        judged.add(new SearchQuality.Judged(score(query, found.get(i)), shows));
      }
    }
    Files.writeString(
        out.resolve("selfies.tsv"),
        selfies.entrySet().stream()
            .map(e -> e.getKey() + "\t" + e.getValue() + "\n")
            .reduce("", String::concat));
    return new Result(
        count,
        selfies.size(),
        unusable,
        faces,
        facesAccepted,
        strangerFaces,
        SearchQuality.at(judged, threshold));
  }

  /** A photo's score for a selfie: its best accepted face; -infinity without query or faces. */
  static double score(float[] query, List<DetectedFace> accepted) {
    double best = Double.NEGATIVE_INFINITY;
    if (query != null) {
      for (DetectedFace face : accepted) {
        best = Math.max(best, FaceEngine.cosine(query, face.embedding()));
      }
    }
    return best;
  }

  private List<Pasted> generate(
      Random random,
      List<String> identities,
      Map<String, List<PastedFaces.Source>> sources,
      List<PastedFaces.Source> strangers,
      Path out,
      String name)
      throws IOException {
    List<String> shuffled = new ArrayList<>(identities);
    Collections.shuffle(shuffled, random);
    List<String> people =
        new ArrayList<>(shuffled.subList(0, Math.min(shuffled.size(), 2 + random.nextInt(4))));
    int strangerCount = strangers.isEmpty() ? 0 : random.nextInt(4);
    for (int s = 0; s < strangerCount; s++) {
      people.add(null);
    }
    Collections.shuffle(people, random);
    Mat canvas = PastedFaces.background(random, WIDTH, HEIGHT);
    List<FaceBox> placed = new ArrayList<>();
    List<Pasted> pasted = new ArrayList<>();
    StringBuilder tsv = new StringBuilder();
    for (String identity : people) {
      List<PastedFaces.Source> from = identity == null ? strangers : sources.get(identity);
      PastedFaces.Source source = from.get(random.nextInt(from.size()));
      double size =
          PastedFaces.faceSize(random, 40, Math.max(40, Math.min(500, source.faceSize())));
      FaceBox box = PastedFaces.paste(canvas, source, size, random, placed);
      if (box != null) {
        pasted.add(new Pasted(identity, box));
        tsv.append(
            String.format(
                Locale.ROOT,
                "%s\t%.1f\t%.1f\t%.1f\t%.1f%n",
                identity == null ? "stranger" : identity,
                box.x(),
                box.y(),
                box.width(),
                box.height()));
      }
    }
    PastedFaces.writeJpeg(canvas, out.resolve(name + ".jpg"), 92);
    Files.writeString(out.resolve(name + ".tsv"), tsv);
    canvas.release();
    return pasted;
  }

  /**
   * Crops of a photo's faces: its accepted faces, or only the first (largest accepted) when {@code
   * firstOnly}. Photos whose decoded size differs from the analysis (rotated by EXIF) give none.
   */
  private static List<PastedFaces.Source> crops(
      Path file, PhotoAnalysis analysis, boolean firstOnly) {
    List<PastedFaces.Source> crops = new ArrayList<>();
    Mat image = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
    try {
      if (image.empty() || image.cols() != analysis.width() || image.rows() != analysis.height()) {
        return crops;
      }
      List<DetectedFace> accepted = analysis.acceptedFaces();
      for (DetectedFace face :
          firstOnly ? accepted.subList(0, Math.min(1, accepted.size())) : accepted) {
        PastedFaces.Source source = PastedFaces.crop(image, face.box());
        if (source != null && source.faceSize() >= 40) {
          crops.add(source);
        }
      }
      return crops;
    } finally {
      image.release();
    }
  }

  private static List<Path> images(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              p ->
                  p.getFileName()
                      .toString()
                      .toLowerCase(Locale.ROOT)
                      .matches(".*\\.(jpe?g|png|webp|bmp)"))
          .sorted()
          .toList();
    }
  }
}
