package app.glimpse.faces.cli;

import app.glimpse.faces.DetectedFace;
import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.FaceEngineConfig.EmbedderKind;
import app.glimpse.faces.PhotoAnalysis;
import app.glimpse.faces.UnreadableImageException;
import app.glimpse.faces.search.FaceHit;
import app.glimpse.faces.search.SelfieRanking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * {@code ./glimpse eval search}: selfie search as guests meet it, on an event set made to behave
 * like real event photos ({@link EventSet}: whole photos in wide shots and collages, faces of 30 to
 * 150 px, one degradation per photo), with selfies that are in none of the event photos.
 *
 * <p>Every selfie is searched against the whole event: its own person's photos, every other
 * labelled person's (strangers to it) and the unlabelled group photos' people. A photo is returned
 * when its score reaches the threshold, as the product ranks it ({@link SelfieRanking}).
 *
 * <p>Figures, all on (selfie, event photo) pairs:
 *
 * <ul>
 *   <li>{@code precision=}, {@code recall=} and one {@code recall_<condition>=} per condition, at
 *       the shipped threshold ({@code --threshold}, default 0.43), which this harness never tunes.
 *   <li>{@code holdout_*}: k-fold by identity ({@code --folds}, default 4): for each fold the
 *       threshold is chosen on the other folds' selfies alone, by the rule the shipped threshold
 *       was chosen by (the middle of the window where precision and recall both reach 0.95, else
 *       the best F1), then the fold's selfies are measured at it. Counts are pooled over the folds;
 *       {@code fold_thresholds} shows how far what the data would choose is from what ships.
 *   <li>Per variant ({@code plain}: the selfie alone; {@code expand}: with query expansion through
 *       the event's own faces), one line each, so what a technique buys is measured on the same
 *       photos; the summary line is the shipped variant ({@code --expand true|false}).
 * </ul>
 *
 * <p>Options: {@code --photos DIR} (deepface, with {@code identities.tsv}), {@code --groups DIR}
 * (unlabelled group photos, default {@code groups-unlabeled} beside it), {@code --out DIR} (where
 * the set is written, default {@code $TMPDIR/glimpse-search-eval}), {@code --seed N}, {@code
 * --threshold T}, {@code --folds K}, {@code --reuse true} (measure the set already in {@code --out}
 * instead of writing it again), {@code --expand true|false}, {@code --confident C}, {@code
 * --expansion-faces N}, {@code --fuse dlib} (every face embedded by both embedders and scored by
 * the weighted sum of the two cosines, weight {@code --fuse-weight}, by default the ratio of the
 * two embedders' margins above their thresholds; the threshold is the same sum of theirs).
 */
final class SearchEval {
  /** Scores kept per pair: every photo at or above this counts as scored (below: not returned). */
  private static final float FLOOR = 0.15f;

  private final FaceEngine engine;
  private final Map<String, String> options;

  SearchEval(FaceEngine engine, Map<String, String> options) {
    this.engine = engine;
    this.options = options;
  }

  void run() throws IOException {
    Path deepface =
        Path.of(options.getOrDefault("photos", SharedPhotos.root().resolve("deepface").toString()));
    Path groups =
        Path.of(
            options.getOrDefault(
                "groups", deepface.toAbsolutePath().resolveSibling("groups-unlabeled").toString()));
    Path out =
        Path.of(
            options.getOrDefault(
                "out",
                Path.of(System.getProperty("java.io.tmpdir"), "glimpse-search-eval").toString()));
    long seed = Long.parseLong(options.getOrDefault("seed", "2024"));
    String fuse = options.get("fuse");
    if (fuse != null) {
      second = FaceEngine.create(engine.config().withEmbedder(EmbedderKind.parse(fuse)));
      // each embedder's margin above its threshold counts alike unless told otherwise
      fuseWeight =
          options.containsKey("fuse-weight")
              ? Float.parseFloat(options.get("fuse-weight"))
              : (1 - engine.searchThreshold()) / (1 - second.searchThreshold());
    }
    float shipped =
        options.containsKey("threshold")
            ? Float.parseFloat(options.get("threshold"))
            : second == null
                ? engine.searchThreshold()
                : (engine.searchThreshold() + fuseWeight * second.searchThreshold())
                    / (1 + fuseWeight);
    int folds = Integer.parseInt(options.getOrDefault("folds", "4"));
    boolean expandShipped = Boolean.parseBoolean(options.getOrDefault("expand", "true"));
    float confident =
        options.containsKey("confident")
            ? Float.parseFloat(options.get("confident"))
            : SelfieRanking.Settings.confidentFor(shipped);
    int expansionFaces =
        Integer.parseInt(
            options.getOrDefault(
                "expansion-faces", Integer.toString(SelfieRanking.EXPANSION_FACES)));

    long start = System.nanoTime();
    EventSet.Written set =
        Boolean.parseBoolean(options.getOrDefault("reuse", "false"))
                && Files.exists(out.resolve("truth.tsv"))
            ? EventSet.read(out)
            : EventSet.write(deepface, groups, out, seed);
    double writeSeconds = (System.nanoTime() - start) / 1e9;

    // the event: every accepted face of every event photo, numbered
    List<EventSet.EventPhoto> photos = set.photos();
    SelfieRanking.InMemory event = new SelfieRanking.InMemory();
    List<List<float[]>> facesOf = new ArrayList<>();
    List<List<Float>> sharpOf = new ArrayList<>();
    Map<String, Tally> detection = new LinkedHashMap<>();
    long faceId = 0;
    long analyseStart = System.nanoTime();
    int eventFaces = 0;
    for (int p = 0; p < photos.size(); p++) {
      EventSet.EventPhoto photo = photos.get(p);
      PhotoAnalysis analysis;
      try {
        analysis = engine.analyze(out.resolve(photo.file()));
      } catch (UnreadableImageException e) {
        throw new IllegalStateException("generated photo unreadable: " + photo.file(), e);
      }
      List<DetectedFace> accepted = analysis.acceptedFaces();
      List<DetectedFace> accepted2 = List.of();
      if (second != null) {
        try {
          accepted2 = second.analyze(out.resolve(photo.file())).acceptedFaces();
        } catch (UnreadableImageException e) {
          throw new IllegalStateException(e);
        }
      }
      List<float[]> embeddings = new ArrayList<>();
      List<Float> sharpness = new ArrayList<>();
      for (DetectedFace face : accepted) {
        float[] e = fused(face, accepted2);
        if (e == null) {
          continue;
        }
        event.add(faceId++, p, e);
        embeddings.add(e);
        sharpness.add(face.sharpness());
      }
      facesOf.add(embeddings);
      sharpOf.add(sharpness);
      eventFaces += analysis.faces().size();
      Tally d = detection.computeIfAbsent(photo.condition(), c -> new Tally());
      int labelled = 0;
      int found = 0;
      int usable = 0;
      for (EventSet.Placed placed : photo.faces()) {
        if ("stranger".equals(placed.identity())) {
          continue;
        }
        labelled++;
        if (analysis.faces().stream().anyMatch(f -> placed.box().iou(f.box()) >= 0.3f)) {
          found++;
        }
        if (accepted.stream().anyMatch(f -> placed.box().iou(f.box()) >= 0.3f)) {
          usable++;
        }
      }
      d.photos++;
      d.labelled += labelled;
      d.detected += found;
      d.accepted += usable;
      System.out.printf(
          Locale.ROOT,
          "%s\t%s\tlabelled=%d\tdetected=%d\taccepted=%d\tfaces=%d\taccepted_faces=%d%n",
          photo.file(),
          photo.condition(),
          labelled,
          found,
          usable,
          analysis.faces().size(),
          accepted.size());
    }
    double analyseMs = (System.nanoTime() - analyseStart) / 1e6 / Math.max(1, photos.size());

    // the selfies: the largest accepted face of each, as the product searches with; beside it the
    // same selfie brought down to the resolution of small event faces (for the lowres variants)
    // and out of focus (for the blurred variants)
    List<EventSet.Selfie> selfies = set.selfies();
    List<float[]> queries = new ArrayList<>();
    List<List<float[]>> lowRes = new ArrayList<>();
    List<List<float[]>> blurred = new ArrayList<>();
    List<List<float[]>> versions = new ArrayList<>();
    List<List<Float>> versionSharp = new ArrayList<>();
    int unusable = 0;
    for (EventSet.Selfie selfie : selfies) {
      float[] query = null;
      List<float[]> low = new ArrayList<>();
      List<float[]> soft = new ArrayList<>();
      // the selfie at the matched variants' blur levels, the sharp one first, with their sharpness
      List<float[]> vs = new ArrayList<>();
      List<Float> vsharp = new ArrayList<>();
      try {
        byte[] bytes = Files.readAllBytes(deepface.resolve(selfie.file()));
        List<DetectedFace> faces = engine.facesForSearch(bytes);
        if (!faces.isEmpty() && faces.get(0).accepted()) {
          DetectedFace face = faces.get(0);
          query = fused(face, second == null ? List.of() : second.facesForSearch(bytes));
          for (int px : LOW_RES_FACE_PX) {
            addIfFound(low, altered(bytes, face, px, 0));
          }
          for (double sigma : BLUR_SIGMAS) {
            addIfFound(soft, altered(bytes, face, 0, sigma));
          }
          vs.add(query);
          vsharp.add(face.sharpness());
          for (double sigma : MATCH_SIGMAS) {
            DetectedFace v = alteredFace(bytes, face, sigma);
            if (v != null && v.embedding() != null) {
              vs.add(v.embedding());
              vsharp.add(v.sharpness());
            }
          }
        }
      } catch (UnreadableImageException e) {
        // unusable
      }
      unusable += query == null ? 1 : 0;
      queries.add(query);
      lowRes.add(low);
      blurred.add(soft);
      versions.add(vs);
      versionSharp.add(vsharp);
    }

    boolean[][] relevant = new boolean[selfies.size()][photos.size()];
    for (int s = 0; s < selfies.size(); s++) {
      for (int p = 0; p < photos.size(); p++) {
        String identity = selfies.get(s).identity();
        relevant[s][p] =
            photos.get(p).faces().stream().anyMatch(f -> identity.equals(f.identity()));
      }
    }

    Map<String, SelfieRanking.Settings> variants = new LinkedHashMap<>();
    variants.put("plain", SelfieRanking.Settings.plain(FLOOR));
    variants.put("expand", new SelfieRanking.Settings(FLOOR, confident, expansionFaces));
    variants.put("lowres", SelfieRanking.Settings.plain(FLOOR));
    variants.put("lowres_expand", new SelfieRanking.Settings(FLOOR, confident, expansionFaces));
    variants.put("blurred", SelfieRanking.Settings.plain(FLOOR));
    variants.put("blurred_expand", new SelfieRanking.Settings(FLOOR, confident, expansionFaces));
    variants.put("normalised", SelfieRanking.Settings.plain(FLOOR));
    variants.put("normalised_expand", new SelfieRanking.Settings(FLOOR, confident, expansionFaces));
    // score normalisation against the event's own faces: each selfie's scores are shifted by how
    // far its mean score over all the event's faces (nearly all strangers to it) lies from the
    // mean of that over all selfies; no identity is used
    double[] impostorMean = new double[queries.size()];
    double meanOfMeans = 0;
    int withQuery = 0;
    for (int s = 0; s < queries.size(); s++) {
      if (queries.get(s) != null) {
        List<FaceHit> all = event.above(queries.get(s), -2f);
        impostorMean[s] = all.stream().mapToDouble(FaceHit::score).average().orElse(0);
        meanOfMeans += impostorMean[s];
        withQuery++;
      }
    }
    meanOfMeans /= Math.max(1, withQuery);
    String shippedVariant = expandShipped ? "expand" : "plain";
    String summary = null;
    for (Map.Entry<String, SelfieRanking.Settings> variant : variants.entrySet()) {
      List<List<float[]>> used = new ArrayList<>();
      for (int s = 0; s < queries.size(); s++) {
        List<float[]> q = new ArrayList<>();
        if (queries.get(s) != null) {
          q.add(queries.get(s));
          if (variant.getKey().startsWith("lowres")) {
            q.addAll(lowRes.get(s));
          }
          if (variant.getKey().startsWith("blurred")) {
            q.addAll(blurred.get(s));
          }
        }
        used.add(q);
      }
      float[][] scores =
          variant.getValue().expands()
              ? heldApart(used, event, variant.getValue(), photos, facesOf)
              : scores(used, event, variant.getValue(), photos.size());
      if (variant.getKey().startsWith("normalised")) {
        for (int s = 0; s < scores.length; s++) {
          float shift = (float) (impostorMean[s] - meanOfMeans);
          for (int p = 0; p < scores[s].length; p++) {
            scores[s][p] -= shift;
          }
        }
      }
      Figures figures = figures(selfies, photos, relevant, scores, shipped, folds);
      System.out.println("variant=" + variant.getKey() + " " + figures.line());
      if (variant.getKey().equals(shippedVariant)) {
        summary = figures.line();
        for (String condition : EventSet.CONDITIONS) {
          Tally d = detection.getOrDefault(condition, new Tally());
          SearchQuality.Tally t =
              figures.perCondition().getOrDefault(condition, SearchQuality.Tally.NONE);
          System.out.printf(
              Locale.ROOT,
              "condition=%s photos=%d labelled_faces=%d detected=%d accepted=%d pairs=%d"
                  + " found=%d recall=%.4f%n",
              condition,
              d.photos,
              d.labelled,
              d.detected,
              d.accepted,
              t.relevant(),
              t.hits(),
              t.recall());
        }
      }
    }
    for (int mode = 0; mode < 3; mode++) {
      float[][] scores =
          matched(
              queries,
              versions,
              versionSharp,
              event,
              expansionFaces,
              confident,
              photos,
              facesOf,
              sharpOf,
              mode);
      Figures figures = figures(selfies, photos, relevant, scores, shipped, folds);
      System.out.println(
          "variant=matched"
              + new String[] {"_expand", "_expand2", "_max_expand"}[mode]
              + " "
              + figures.line());
    }
    long strangers =
        photos.stream()
            .flatMap(p -> p.faces().stream())
            .filter(f -> "stranger".equals(f.identity()))
            .count();
    System.out.println(
        "search-eval"
            + format(" threshold=%.2f", shipped)
            + " variant="
            + shippedVariant
            + " detector="
            + engine.check().detector().split(" ")[0]
            + " embedder="
            + engine.config().embedderKind().name().toLowerCase(Locale.ROOT)
            + (second == null
                ? ""
                : "+" + second.config().embedderKind().name().toLowerCase(Locale.ROOT))
            + " flip="
            + engine.config().flip()
            + " photos="
            + photos.size()
            + " selfies="
            + selfies.size()
            + " selfie_unusable="
            + unusable
            + " identities="
            + new TreeSet<>(selfies.stream().map(EventSet.Selfie::identity).toList()).size()
            + " event_faces="
            + eventFaces
            + " searchable_faces="
            + event.size()
            + " labelled_strangers="
            + strangers
            + " "
            + summary
            + format(" write_s=%.1f analyse_ms=%.1f", writeSeconds, analyseMs));
    if (second != null) {
      second.close();
    }
  }

  /** The second embedder of {@code --fuse}, or null. */
  private FaceEngine second;

  private float fuseWeight;

  /**
   * The face's embedding, or with {@code --fuse} its embedding joined to the second embedder's of
   * the same box, weighted so that the cosine of two joined vectors is {@code (a + w d) / (1 + w)}:
   * one dot product scores both. Null when the second embedder has no embedding for the box.
   */
  private float[] fused(DetectedFace face, List<DetectedFace> others) {
    if (second == null) {
      return face.embedding();
    }
    DetectedFace other =
        others.stream()
            .filter(o -> o.embedding() != null && o.box().iou(face.box()) > 0.8f)
            .findFirst()
            .orElse(null);
    if (other == null) {
      return null;
    }
    float[] a = face.embedding();
    float[] d = other.embedding();
    float[] v = new float[a.length + d.length];
    float wa = (float) Math.sqrt(1 / (1 + fuseWeight));
    float wd = (float) Math.sqrt(fuseWeight / (1 + fuseWeight));
    for (int i = 0; i < a.length; i++) {
      v[i] = wa * a[i];
    }
    for (int i = 0; i < d.length; i++) {
      v[a.length + i] = wd * d[i];
    }
    return v;
  }

  /** scores[s][p]: photo p's best score for selfie s; -infinity when not scored. */
  private static float[][] scores(
      List<List<float[]>> queries,
      SelfieRanking.InMemory event,
      SelfieRanking.Settings settings,
      int n) {
    float[][] scores = new float[queries.size()][n];
    for (int s = 0; s < queries.size(); s++) {
      Arrays.fill(scores[s], Float.NEGATIVE_INFINITY);
      if (queries.get(s).isEmpty()) {
        continue;
      }
      for (FaceHit hit : SelfieRanking.rank(queries.get(s), event, settings, Integer.MAX_VALUE)) {
        scores[s][(int) hit.photoId()] = hit.score();
      }
    }
    return scores;
  }

  /**
   * Scores with query expansion, held apart by source: the event set shows each source photo once
   * in every condition, so a confident match could be the very picture that a degraded photo shows,
   * which no real event offers (its photos of a person are different pictures). So for each photo
   * the expansion uses only the confident faces of photos that share no source with it; the rest is
   * as {@link SelfieRanking#rank} ranks.
   */
  private static float[][] heldApart(
      List<List<float[]>> queries,
      SelfieRanking.InMemory event,
      SelfieRanking.Settings settings,
      List<EventSet.EventPhoto> photos,
      List<List<float[]>> facesOf) {
    float[][] scores = new float[queries.size()][photos.size()];
    for (int s = 0; s < queries.size(); s++) {
      Arrays.fill(scores[s], Float.NEGATIVE_INFINITY);
      for (float[] query : queries.get(s)) {
        List<FaceHit> first = event.above(query, FLOOR);
        for (FaceHit hit : first) {
          int p = (int) hit.photoId();
          scores[s][p] = Math.max(scores[s][p], hit.score());
        }
        List<FaceHit> confident = SelfieRanking.confident(first, settings);
        Map<List<Long>, float[]> expandedBy = new HashMap<>();
        for (int p = 0; p < photos.size(); p++) {
          List<String> sources = photos.get(p).sources();
          List<FaceHit> apart =
              confident.stream()
                  .filter(
                      c -> Collections.disjoint(photos.get((int) c.photoId()).sources(), sources))
                  .toList();
          if (apart.isEmpty()) {
            continue;
          }
          float[] expanded =
              expandedBy.computeIfAbsent(
                  apart.stream().map(FaceHit::faceId).toList(),
                  k -> SelfieRanking.expanded(query, apart, event));
          for (float[] face : facesOf.get(p)) {
            scores[s][p] = Math.max(scores[s][p], FaceEngine.cosine(expanded, face));
          }
        }
      }
    }
    return scores;
  }

  /** Selfie blur levels of the matched variants, as Gaussian sigmas in face widths. */
  private static final double[] MATCH_SIGMAS = {0.015, 0.03, 0.045, 0.06};

  /** Index of the version whose sharpness is nearest (in log) to {@code sharpness}. */
  private static int nearest(List<Float> versionSharp, float sharpness) {
    int best = 0;
    double bestGap = Double.MAX_VALUE;
    for (int v = 0; v < versionSharp.size(); v++) {
      double gap =
          Math.abs(
              Math.log(Math.max(1e-3, versionSharp.get(v))) - Math.log(Math.max(1e-3, sharpness)));
      if (gap < bestGap) {
        bestGap = gap;
        best = v;
      }
    }
    return best;
  }

  /**
   * Scores with the selfie matched to each face's sharpness: each event face is compared with the
   * version of the selfie blurred to about its own sharpness. Expansion held apart as {@link
   * #heldApart}; mode 0 expands the sharp selfie, mode 1 each matched version.
   */
  private static float[][] matched(
      List<float[]> queries,
      List<List<float[]>> versions,
      List<List<Float>> versionSharp,
      SelfieRanking.InMemory event,
      int expansionFaces,
      float confident,
      List<EventSet.EventPhoto> photos,
      List<List<float[]>> facesOf,
      List<List<Float>> sharpOf,
      int mode) {
    SelfieRanking.Settings settings = new SelfieRanking.Settings(FLOOR, confident, expansionFaces);
    float[][] scores = new float[queries.size()][photos.size()];
    for (int s = 0; s < queries.size(); s++) {
      Arrays.fill(scores[s], Float.NEGATIVE_INFINITY);
      if (queries.get(s) == null) {
        continue;
      }
      List<float[]> vs = versions.get(s);
      List<Float> vsharp = versionSharp.get(s);
      List<FaceHit> first = new ArrayList<>();
      long id = 0;
      for (int p = 0; p < photos.size(); p++) {
        for (int f = 0; f < facesOf.get(p).size(); f++, id++) {
          float[] q = vs.get(nearest(vsharp, sharpOf.get(p).get(f)));
          float score = FaceEngine.cosine(q, facesOf.get(p).get(f));
          if (mode == 2) {
            score = Math.max(score, FaceEngine.cosine(queries.get(s), facesOf.get(p).get(f)));
          }
          scores[s][p] = Math.max(scores[s][p], score);
          first.add(new FaceHit(id, p, score));
        }
      }
      List<FaceHit> sure = SelfieRanking.confident(first, settings);
      for (int p = 0; p < photos.size(); p++) {
        List<String> sources = photos.get(p).sources();
        List<FaceHit> apart =
            sure.stream()
                .filter(c -> Collections.disjoint(photos.get((int) c.photoId()).sources(), sources))
                .toList();
        if (apart.isEmpty()) {
          continue;
        }
        for (int f = 0; f < facesOf.get(p).size(); f++) {
          float[] base =
              mode == 0 ? queries.get(s) : vs.get(nearest(vsharp, sharpOf.get(p).get(f)));
          float[] expanded = SelfieRanking.expanded(base, apart, event);
          scores[s][p] = Math.max(scores[s][p], FaceEngine.cosine(expanded, facesOf.get(p).get(f)));
        }
      }
    }
    return scores;
  }

  /**
   * The selfie blurred by {@code sigma} face widths, searched again: its largest face, any verdict.
   */
  private DetectedFace alteredFace(byte[] selfie, DetectedFace face, double sigma)
      throws UnreadableImageException {
    Mat image = Imgcodecs.imdecode(new MatOfByte(selfie), Imgcodecs.IMREAD_COLOR);
    Mat back = new Mat();
    MatOfByte png = new MatOfByte();
    try {
      if (image.empty()) {
        return null;
      }
      Imgproc.GaussianBlur(image, back, new Size(0, 0), sigma * Math.max(1.0, face.box().width()));
      Imgcodecs.imencode(".png", back, png);
      List<DetectedFace> faces = engine.facesForSearch(png.toArray());
      return faces.isEmpty() ? null : faces.get(0);
    } finally {
      image.release();
      back.release();
      png.release();
    }
  }

  /** Face widths the lowres variants bring the selfie's face down to. */
  private static final int[] LOW_RES_FACE_PX = {40};

  /**
   * Defocus the blurred variants give the selfie, as a Gaussian sigma in face widths: the middle of
   * the event set's own defocus (3 to 6 percent), chosen before measuring and not tuned after.
   */
  private static final double[] BLUR_SIGMAS = {0.03};

  private static void addIfFound(List<float[]> list, float[] embedding) {
    if (embedding != null) {
      list.add(embedding);
    }
  }

  /**
   * The selfie's face as an event photo may show it, searched again, its first accepted face (null
   * when none): scaled so that the face is {@code facePx} wide and back up (when {@code facePx >
   * 0}), or blurred with a Gaussian of {@code sigma} face widths (when {@code sigma > 0}).
   */
  private float[] altered(byte[] selfie, DetectedFace face, int facePx, double sigma)
      throws UnreadableImageException {
    Mat image = Imgcodecs.imdecode(new MatOfByte(selfie), Imgcodecs.IMREAD_COLOR);
    Mat small = new Mat();
    Mat back = new Mat();
    MatOfByte png = new MatOfByte();
    try {
      double width = Math.max(1.0, face.box().width());
      if (image.empty()) {
        return null;
      }
      if (facePx > 0) {
        double scale = facePx / width;
        if (scale >= 1) {
          return null;
        }
        Imgproc.resize(image, small, new Size(), scale, scale, Imgproc.INTER_AREA);
        Imgproc.resize(small, back, image.size(), 0, 0, Imgproc.INTER_LINEAR);
      } else {
        Imgproc.GaussianBlur(image, back, new Size(0, 0), sigma * width);
      }
      Imgcodecs.imencode(".png", back, png);
      byte[] bytes = png.toArray();
      List<DetectedFace> faces = engine.facesForSearch(bytes);
      if (faces.isEmpty() || !faces.get(0).accepted()) {
        return null;
      }
      return fused(faces.get(0), second == null ? List.of() : second.facesForSearch(bytes));
    } finally {
      image.release();
      small.release();
      back.release();
      png.release();
    }
  }

  /** What one variant measured. */
  private record Figures(
      SearchQuality.Tally shipped,
      Map<String, SearchQuality.Tally> perCondition,
      SearchQuality.Tally holdout,
      List<String> foldThresholds,
      int falseMatches) {

    String line() {
      StringBuilder line =
          new StringBuilder(
              format(
                  "precision=%.4f recall=%.4f returned=%d found=%d relevant=%d false_matches=%d",
                  shipped.precision(),
                  shipped.recall(),
                  shipped.retrieved(),
                  shipped.hits(),
                  shipped.relevant(),
                  falseMatches));
      for (Map.Entry<String, SearchQuality.Tally> condition : perCondition.entrySet()) {
        line.append(format(" recall_%s=%.4f", condition.getKey(), condition.getValue().recall()));
      }
      line.append(
          format(
              " holdout_precision=%.4f holdout_recall=%.4f fold_thresholds=%s",
              holdout.precision(), holdout.recall(), String.join("/", foldThresholds)));
      return line.toString();
    }
  }

  private static Figures figures(
      List<EventSet.Selfie> selfies,
      List<EventSet.EventPhoto> photos,
      boolean[][] relevant,
      float[][] scores,
      float shipped,
      int foldCount) {
    List<Integer> everyone = new ArrayList<>();
    for (int s = 0; s < selfies.size(); s++) {
      everyone.add(s);
    }
    SearchQuality.Tally atShipped = SearchQuality.at(judged(relevant, scores, everyone), shipped);
    Map<String, SearchQuality.Tally> perCondition = new LinkedHashMap<>();
    for (String condition : EventSet.CONDITIONS) {
      List<SearchQuality.Judged> judged = new ArrayList<>();
      for (int s = 0; s < selfies.size(); s++) {
        for (int p = 0; p < photos.size(); p++) {
          if (photos.get(p).condition().equals(condition) && relevant[s][p]) {
            judged.add(new SearchQuality.Judged(scores[s][p], true));
          }
        }
      }
      perCondition.put(condition, SearchQuality.at(judged, shipped));
    }
    List<List<String>> folds =
        SearchQuality.folds(selfies.stream().map(EventSet.Selfie::identity).toList(), foldCount);
    SearchQuality.Tally holdout = SearchQuality.Tally.NONE;
    List<String> thresholds = new ArrayList<>();
    for (List<String> fold : folds) {
      List<Integer> measured = new ArrayList<>();
      List<Integer> calibration = new ArrayList<>();
      for (int s = 0; s < selfies.size(); s++) {
        (fold.contains(selfies.get(s).identity()) ? measured : calibration).add(s);
      }
      double threshold = SearchQuality.windowMiddle(judged(relevant, scores, calibration), 0.95);
      thresholds.add(format("%.2f", threshold));
      holdout = holdout.plus(SearchQuality.at(judged(relevant, scores, measured), threshold));
    }
    return new Figures(
        atShipped, perCondition, holdout, thresholds, atShipped.retrieved() - atShipped.hits());
  }

  private static List<SearchQuality.Judged> judged(
      boolean[][] relevant, float[][] scores, List<Integer> selfies) {
    List<SearchQuality.Judged> judged = new ArrayList<>();
    for (int s : selfies) {
      for (int p = 0; p < scores[s].length; p++) {
        judged.add(new SearchQuality.Judged(scores[s][p], relevant[s][p]));
      }
    }
    return judged;
  }

  /** Detection counts of one condition's labelled faces. */
  private static final class Tally {
    int photos;
    int labelled;
    int detected;
    int accepted;
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
