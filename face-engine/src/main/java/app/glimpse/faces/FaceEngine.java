package app.glimpse.faces;

import app.glimpse.faces.FaceEngineConfig.DetectorKind;
import app.glimpse.faces.FaceEngineConfig.EmbedderKind;
import app.glimpse.faces.decode.DecodedImage;
import app.glimpse.faces.decode.ImageDecoder;
import app.glimpse.faces.decode.ImageHeader;
import app.glimpse.faces.decode.PreviewEncoder;
import app.glimpse.faces.detect.BlazeFaceDetector;
import app.glimpse.faces.detect.FaceCandidate;
import app.glimpse.faces.detect.FaceDetector;
import app.glimpse.faces.detect.UltraFaceDetector;
import app.glimpse.faces.detect.YuNetDetector;
import app.glimpse.faces.embed.FaceAligner;
import app.glimpse.faces.embed.FaceEmbedder;
import app.glimpse.faces.embed.QualityGate;
import app.glimpse.faces.model.InferenceClock;
import app.glimpse.faces.model.ModelManifest;
import app.glimpse.faces.model.ModelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * The face engine: one decode of a photo gives its metadata, its faces (box, landmarks, score,
 * quality verdict, embedding) and its previews.
 *
 * <p>Plain Java so that import jobs, selfie search, tests and the benchmark all run the same code.
 * One engine per JVM ({@link #shared()}) holds the ONNX Runtime sessions, which are thread-safe:
 * call it from as many threads as there are cores. Models load lazily on first use, so building the
 * engine is free and {@link #check()} can report a broken model instead of failing deployment.
 */
public final class FaceEngine implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FaceEngine.class.getName());

  /** A selfie's own face is at least this fraction (1/n) of its long side. */
  private static final int LARGE_FACE_FRACTION = 16;

  /** Long side a selfie is decoded at, at least, so its face is aligned from enough pixels. */
  private static final int SELFIE_LONG_SIDE = 800;

  /**
   * Most pixels a selfie may have (or {@link FaceEngineConfig#maxPixels()} if lower): anyone with a
   * gallery link may send one, so it is held to less than an imported photo. A 50 MP phone camera's
   * photo passes.
   */
  static final long SELFIE_MAX_PIXELS = 50_000_000;

  private static volatile FaceEngine shared;

  private final FaceEngineConfig config;
  private final Object loadLock = new Object();
  private volatile Loaded loaded;
  private volatile ModelStatus status;

  /** What needs the models, built on first use. */
  private record Loaded(
      ImageDecoder decoder,
      FaceDetector detector,
      FaceEmbedder embedder,
      QualityGate gate,
      PreviewEncoder previews) {}

  private FaceEngine(FaceEngineConfig config) {
    this.config = config;
  }

  /**
   * The JVM-wide engine, configured by {@link FaceEngineConfig#fromEnvironment()} on first call.
   */
  public static FaceEngine shared() {
    FaceEngine engine = shared;
    if (engine == null) {
      synchronized (FaceEngine.class) {
        engine = shared;
        if (engine == null) {
          engine = new FaceEngine(FaceEngineConfig.fromEnvironment());
          shared = engine;
        }
      }
    }
    return engine;
  }

  /**
   * A separate engine with its own sessions (tests, CLI, comparing detectors); close it after use.
   */
  public static FaceEngine create(FaceEngineConfig config) {
    return new FaceEngine(config);
  }

  public FaceEngineConfig config() {
    return config;
  }

  /**
   * Loads both models and runs one tiny inference each; a success is remembered, a failure is tried
   * again on the next call (a native library may load later, a model file may be fixed). Never
   * throws: a failure is reported in {@link ModelStatus#detail()}.
   */
  public ModelStatus check() {
    ModelStatus known = status;
    if (known != null) {
      return known;
    }
    synchronized (loadLock) {
      if (status != null) {
        return status;
      }
      ModelStatus checked = runCheck();
      if (checked.usable()) {
        status = checked;
      }
      return checked;
    }
  }

  private ModelStatus runCheck() {
    String detector = config.detectorKind().name().toLowerCase(Locale.ROOT);
    String embedder = embedderName(null);
    float threshold = searchThreshold();
    long start = System.nanoTime();
    try {
      Loaded models = models();
      detector = models.detector().description();
      embedder = embedderName(models.embedder());
      int side = models.embedder().format().crop().size();
      Mat grey = new Mat(256, 256, CvType.CV_8UC3, new Scalar(128));
      Mat face = new Mat(side, side, CvType.CV_8UC3, new Scalar(128));
      try {
        InferenceClock clock = new InferenceClock();
        models.detector().detect(grey, 64, clock);
        float[] embedding = models.embedder().embed(List.of(face), clock).get(0);
        if (embedding.length != FaceEmbedder.DIMENSIONS || Float.isNaN(embedding[0])) {
          return new ModelStatus(
              false, detector, embedder, "embedder output is not 512 numbers", threshold);
        }
      } finally {
        grey.release();
        face.release();
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      return new ModelStatus(true, detector, embedder, "ok in " + ms + " ms", threshold);
    } catch (Throwable e) {
      LOG.log(Level.SEVERE, "Face models are not usable", e);
      return new ModelStatus(false, detector, embedder, e.toString(), threshold);
    }
  }

  /**
   * The embedder in use, with its licence when it is a packaged model: {@code dlib-resnet-v1 (CC0,
   * via @vladmandic/face-api 1.7.15), packaged dlib-resnet-v1-128.onnx}; {@code loaded} null before
   * it loads.
   */
  private String embedderName(FaceEmbedder loaded) {
    String kind = config.embedderKind().name().toLowerCase(Locale.ROOT);
    if (config.embedderModel() != null) {
      return config.embedderModel() + " (" + kind + " format)";
    }
    ModelManifest manifest = ModelManifest.packaged();
    String id = config.embedderKind().manifestId();
    String source =
        loaded != null
            ? loaded.description()
            : manifest.has(id, "file") ? "packaged " + manifest.get(id, "file") : "packaged " + id;
    if (!manifest.has(id, "name") || !manifest.has(id, "licence")) {
      return source;
    }
    return manifest.get(id, "name") + " (" + manifest.get(id, "licence") + "), " + source;
  }

  /**
   * The packaged models this engine runs, each as {@code file: licence} (the manifest's words), for
   * readiness and the docs; a model given as a file by configuration appears as its path with
   * "licence: as its supplier says".
   */
  public List<String> modelLicences() {
    ModelManifest manifest = ModelManifest.packaged();
    List<String> ids = new ArrayList<>();
    List<String> files = new ArrayList<>();
    switch (config.detectorKind()) {
      case ULTRAFACE -> ids.addAll(List.of("ultraface", "blazeface-front"));
      case BLAZEFACE -> ids.addAll(List.of("blazeface", "blazeface-front"));
      case YUNET -> files.add(String.valueOf(config.detectorModel()));
    }
    if (config.detectorModel() != null && config.detectorKind() != DetectorKind.YUNET) {
      ids.remove(0);
      files.add(config.detectorModel().toString());
    }
    if (config.embedderModel() != null) {
      files.add(config.embedderModel().toString());
    } else {
      ids.add(config.embedderKind().manifestId());
    }
    List<String> licences = new ArrayList<>();
    for (String id : ids) {
      licences.add(manifest.get(id, "file") + ": " + manifest.get(id, "licence"));
    }
    for (String file : files) {
      licences.add(file + ": licence as its supplier says");
    }
    return List.copyOf(licences);
  }

  /**
   * The cosine from which a face counts as the query's person, calibrated per embedder kind ({@code
   * scoreThreshold} of its entry in {@code models.properties}): embeddings of different kinds live
   * on different scales.
   */
  public float searchThreshold() {
    return ModelManifest.packaged().scoreThreshold(config.embedderKind().manifestId());
  }

  private Loaded models() {
    Loaded current = loaded;
    if (current != null) {
      return current;
    }
    synchronized (loadLock) {
      if (loaded == null) {
        loaded = load();
      }
      return loaded;
    }
  }

  private Loaded load() {
    ImageDecoder decoder = new ImageDecoder(config.maxPixels());
    FaceDetector detector;
    if (config.detectorKind() == DetectorKind.YUNET) {
      float score = config.minScore() > 0 ? config.minScore() : 0.6f;
      detector =
          new YuNetDetector(ModelSource.file(config.detectorModel()), config.threads(), score);
    } else if (config.detectorKind() == DetectorKind.ULTRAFACE) {
      float score =
          config.minScore() > 0
              ? config.minScore()
              : ModelManifest.packaged().scoreThreshold("ultraface");
      detector =
          new UltraFaceDetector(
              ModelSource.resolve(config.detectorModel(), "ultraface"),
              ModelSource.packaged("blazeface-front"),
              config.threads(),
              score);
    } else {
      float score =
          config.minScore() > 0
              ? config.minScore()
              : ModelManifest.packaged().scoreThreshold("blazeface");
      detector =
          new BlazeFaceDetector(
              ModelSource.resolve(config.detectorModel(), "blazeface"),
              ModelSource.packaged("blazeface-front"),
              config.threads(),
              score);
    }
    FaceEmbedder embedder;
    try {
      embedder =
          new FaceEmbedder(
              ModelSource.resolve(config.embedderModel(), config.embedderKind().manifestId()),
              config.threads(),
              config.embedderKind() == EmbedderKind.DLIB
                  ? FaceEmbedder.Format.DLIB
                  : FaceEmbedder.Format.ARCFACE);
    } catch (RuntimeException e) {
      detector.close();
      throw e;
    }
    QualityGate gate =
        new QualityGate(
            config.qualityMinFacePx(),
            config.qualityMinScore(),
            config.qualityMinSharpness(),
            config.qualityMaxYaw());
    PreviewEncoder previews =
        new PreviewEncoder(config.previewSize(), config.thumbnailSize(), config.jpegQuality());
    return new Loaded(decoder, detector, embedder, gate, previews);
  }

  /** Analyses a photo file; see {@link #analyze(byte[], String)}. */
  public PhotoAnalysis analyze(Path file) throws UnreadableImageException, IOException {
    return analyze(Files.readAllBytes(file), file.getFileName().toString());
  }

  /**
   * Decodes the photo once (at reduced size when it is large), reads its metadata, finds, aligns,
   * checks and embeds every face, and renders thumbnail and preview.
   *
   * @param name file name, only used in messages
   * @throws UnreadableImageException empty, truncated, damaged, not an image, or over the pixel
   *     limit
   */
  public PhotoAnalysis analyze(byte[] bytes, String name) throws UnreadableImageException {
    return run(bytes, name, true);
  }

  /**
   * Faces of a selfie or any query photo, without previews, in the order of {@link
   * PhotoAnalysis#faces()}: accepted faces first, each group largest first. Search with the first
   * one when it is accepted.
   */
  public List<DetectedFace> facesForSearch(byte[] selfie) throws UnreadableImageException {
    // A selfie's own face is large: look for faces of at least a sixteenth of the photo's long
    // side first, which needs one detector pass over the whole image instead of a scan of tiles
    // (about a third of the time). Only a photo without such a face is scanned for small faces.
    int longSide = longSide(selfie);
    int large = Math.max(config.minFacePx(), longSide / LARGE_FACE_FRACTION);
    if (large > config.minFacePx()) {
      List<DetectedFace> faces =
          run(selfie, "selfie", 0, large, Math.min(longSide, SELFIE_LONG_SIDE), SELFIE_MAX_PIXELS)
              .faces();
      if (!faces.isEmpty() && faces.get(0).accepted()) {
        return faces;
      }
    }
    return run(selfie, "selfie", 0, config.minFacePx(), 0, SELFIE_MAX_PIXELS).faces();
  }

  private PhotoAnalysis run(byte[] bytes, String name, boolean withPreviews)
      throws UnreadableImageException {
    return run(
        bytes,
        name,
        withPreviews ? config.previewSize() : 0,
        config.minFacePx(),
        0,
        config.maxPixels());
  }

  /**
   * Decodes at the smallest size that serves the previews ({@code previewLongSide}, 0 for none),
   * keeps faces from {@code minFacePx} (full-size pixels) findable and is at least {@code
   * minLongSide}; finds, aligns and embeds the faces; encodes the previews when asked. Images over
   * {@code maxPixels} are refused from their header.
   */
  private PhotoAnalysis run(
      byte[] bytes,
      String name,
      int previewLongSide,
      int minFacePx,
      int minLongSide,
      long maxPixels)
      throws UnreadableImageException {
    boolean withPreviews = previewLongSide > 0;
    Loaded models = models();
    InferenceClock clock = new InferenceClock();
    long t0 = System.nanoTime();
    DecodedImage decoded =
        models
            .decoder()
            .decode(
                bytes,
                name,
                Math.max(minLongSide, detectionLongSide(bytes, previewLongSide, minFacePx)),
                maxPixels);
    long t1 = System.nanoTime();
    try {
      Mat image = decoded.image();
      double toFull = decoded.scaleToFull();
      List<FaceCandidate> candidates =
          models.detector().detect(image, (float) (minFacePx / toFull), clock);
      long t2 = System.nanoTime();
      long detectModel = clock.nanos();
      List<DetectedFace> faces = describe(models, image, candidates, toFull, clock);
      long t3 = System.nanoTime();
      byte[][] jpegs =
          withPreviews ? models.previews().encode(image) : new byte[][] {new byte[0], new byte[0]};
      long t4 = System.nanoTime();
      LOG.log(
          Level.FINE,
          "Analysed {0}: {1} faces, detector model {2} ms",
          new Object[] {name, faces.size(), detectModel / 1_000_000});
      return new PhotoAnalysis(
          decoded.fullWidth(),
          decoded.fullHeight(),
          decoded.metadata(),
          faces,
          jpegs[0],
          jpegs[1],
          new StageTimes(t1 - t0, t2 - t1, t3 - t2, t4 - t3, clock.nanos()));
    } finally {
      decoded.release();
    }
  }

  /**
   * Longest side to decode at: enough for the preview, and enough that a face of {@code minFacePx}
   * in the full photo is still at least 16 px for the detector (both need less).
   */
  private static int detectionLongSide(byte[] bytes, int previewLongSide, int minFacePx) {
    int longSide = longSide(bytes);
    if (longSide == 0) {
      return previewLongSide;
    }
    int forFaces = (int) Math.ceil(longSide * 16.0 / minFacePx);
    return Math.max(previewLongSide, forFaces);
  }

  /** The long side the image's header announces, or 0 when the header cannot be read. */
  private static int longSide(byte[] bytes) {
    try {
      ImageHeader header = ImageHeader.read(bytes, "");
      return Math.max(header.width(), header.height());
    } catch (UnreadableImageException e) {
      return 0;
    }
  }

  private List<DetectedFace> describe(
      Loaded models,
      Mat image,
      List<FaceCandidate> candidates,
      double toFull,
      InferenceClock clock) {
    // the quality gate judges the ArcFace crop whichever the embedder, so that its verdicts do not
    // depend on the embedder; an embedder with another crop gets its own
    List<Mat> crops = new ArrayList<>(candidates.size());
    boolean ownCrop = models.embedder().format().crop() != FaceAligner.ARCFACE;
    List<Mat> embedderCrops = ownCrop ? new ArrayList<>(candidates.size()) : crops;
    try {
      for (FaceCandidate c : candidates) {
        crops.add(FaceAligner.align(image, c.landmarks()));
        if (ownCrop) {
          embedderCrops.add(models.embedder().align(image, c.landmarks()));
        }
      }
      List<float[]> embeddings = models.embedder().embed(embedderCrops, clock);
      if (config.flip()) {
        embeddings = withMirrorImages(models, embedderCrops, embeddings, clock);
      }
      List<DetectedFace> faces = new ArrayList<>(candidates.size());
      for (int i = 0; i < candidates.size(); i++) {
        FaceCandidate full = candidates.get(i).scaled(toFull);
        float sharpness = QualityGate.sharpness(crops.get(i));
        float yaw = QualityGate.yaw(full.landmarks());
        String reason =
            models
                .gate()
                .rejectReason(Math.min(full.width(), full.height()), full.score(), sharpness, yaw);
        List<Landmark> landmarks = new ArrayList<>(5);
        for (int k = 0; k < 5; k++) {
          landmarks.add(new Landmark(full.landmarks()[2 * k], full.landmarks()[2 * k + 1]));
        }
        faces.add(
            new DetectedFace(
                new FaceBox(full.x(), full.y(), full.width(), full.height()),
                List.copyOf(landmarks),
                full.score(),
                reason == null,
                reason,
                sharpness,
                yaw,
                embeddings.get(i)));
      }
      faces.sort(
          Comparator.comparing((DetectedFace f) -> !f.accepted())
              .thenComparingDouble(f -> -f.box().width() * f.box().height()));
      return List.copyOf(faces);
    } finally {
      crops.forEach(Mat::release);
      if (ownCrop) {
        embedderCrops.forEach(Mat::release);
      }
    }
  }

  /**
   * Flip test-time augmentation: each face's embedding becomes the normalised sum of the embeddings
   * of its aligned crop and of that crop's mirror image, so that what one side of a turned face
   * shows counts from both sides.
   */
  private static List<float[]> withMirrorImages(
      Loaded models, List<Mat> crops, List<float[]> embeddings, InferenceClock clock) {
    List<Mat> mirrored = new ArrayList<>(crops.size());
    try {
      for (Mat crop : crops) {
        Mat flipped = new Mat();
        Core.flip(crop, flipped, 1);
        mirrored.add(flipped);
      }
      List<float[]> flippedEmbeddings = models.embedder().embed(mirrored, clock);
      List<float[]> combined = new ArrayList<>(embeddings.size());
      for (int i = 0; i < embeddings.size(); i++) {
        combined.add(normalisedSum(embeddings.get(i), flippedEmbeddings.get(i)));
      }
      return combined;
    } finally {
      mirrored.forEach(Mat::release);
    }
  }

  /** {@code a + b}, scaled to unit length. */
  static float[] normalisedSum(float[] a, float[] b) {
    float[] sum = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i];
    }
    return FaceEmbedder.normalise(sum);
  }

  /** Cosine similarity of two L2-normalised embeddings (their dot product). */
  public static float cosine(float[] a, float[] b) {
    float dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  /**
   * Closes the sessions of an engine from {@link #create}; the shared engine lives as long as the
   * JVM.
   */
  @Override
  public void close() {
    if (this == shared) {
      return;
    }
    synchronized (loadLock) {
      if (loaded != null) {
        loaded.detector().close();
        loaded.embedder().close();
        loaded = null;
      }
    }
  }
}
