package app.glimpse.faces;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every setting of the face engine, with its default, in one place.
 *
 * <p>{@link #fromEnvironment()} reads system property {@code glimpse.faces.<key>} first, then
 * environment variable {@code GLIMPSE_FACES_<KEY>} (camel case split by underscores, dots become
 * underscores: {@code quality.minFacePx} is {@code GLIMPSE_FACES_QUALITY_MIN_FACE_PX}). Keys and
 * defaults:
 *
 * <ul>
 *   <li>{@code detector}: path to a detector ONNX file; empty = the packaged model of {@code
 *       detector.kind}
 *   <li>{@code detector.kind}: {@code ultraface} (default: UltraFace tiles + BlazeFace landmarks),
 *       {@code blazeface} (BlazeFace tiles) or {@code yunet}; when absent, {@code yunet} if the
 *       file name contains "yunet", {@code blazeface} for any other file, else {@code ultraface}
 *   <li>{@code embedder.kind}: {@code arcface} (default: the packaged faceplugin MobileFaceNet,
 *       ArcFace crop, 512-d) or {@code dlib} (the packaged dlib face recognition ResNet, dlib face
 *       chip, 128-d lifted to 512); embeddings of the two kinds cannot be compared
 *   <li>{@code embedder}: path to an embedder of {@code embedder.kind}'s format (ArcFace: input
 *       [n,3,112,112] RGB, output [n,512]; dlib: input [n,3,150,150] RGB 0..255, output [n,128]);
 *       empty = the packaged model of the kind
 *   <li>{@code threads}: ONNX Runtime intra-op threads per inference, default 1 (parallelism comes
 *       from analysing several photos at once)
 *   <li>{@code maxPixels}: refuse images whose header announces more pixels, default 100000000
 *   <li>{@code minFacePx}: smallest face (in full-resolution pixels) the detector scans for,
 *       default 32 (40 until {@code ./glimpse eval search} showed what it cost: docs/search.md)
 *   <li>{@code minScore}: detection score threshold; default from the model manifest (0.6)
 *   <li>{@code quality.minFacePx} 26, {@code quality.minScore} 0.7, {@code quality.minSharpness}
 *       10, {@code quality.maxYaw} 0.6: quality gates (were 32 and 25: docs/search.md)
 *   <li>{@code thumbnail} 400, {@code preview} 1600, {@code jpegQuality} 85: previews
 *   <li>{@code flip}: also embed each aligned face's mirror image and use the normalised sum of
 *       both embeddings (flip test-time augmentation; twice the embedding work), default false
 * </ul>
 */
public record FaceEngineConfig(
    DetectorKind detectorKind,
    Path detectorModel,
    EmbedderKind embedderKind,
    Path embedderModel,
    int threads,
    long maxPixels,
    int minFacePx,
    float minScore,
    int qualityMinFacePx,
    float qualityMinScore,
    float qualityMinSharpness,
    float qualityMaxYaw,
    int thumbnailSize,
    int previewSize,
    int jpegQuality,
    boolean flip) {

  /** Detectors the engine can drive. */
  public enum DetectorKind {
    ULTRAFACE,
    BLAZEFACE,
    YUNET;

    static DetectorKind parse(String value) {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** Embedders the engine can drive, each with its packaged model in the manifest. */
  public enum EmbedderKind {
    ARCFACE("embedder"),
    DLIB("dlib");

    private final String manifestId;

    EmbedderKind(String manifestId) {
      this.manifestId = manifestId;
    }

    /** The packaged model's id in {@code models.properties}. */
    public String manifestId() {
      return manifestId;
    }

    public static EmbedderKind parse(String value) {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** Marker for "use the manifest's threshold". */
  public static final float MODEL_DEFAULT_SCORE = -1f;

  public FaceEngineConfig {
    Objects.requireNonNull(detectorKind, "detectorKind");
    Objects.requireNonNull(embedderKind, "embedderKind");
    if (detectorKind == DetectorKind.YUNET && detectorModel == null) {
      throw new IllegalArgumentException(
          "YuNet is not packaged: set glimpse.faces.detector to the YuNet ONNX file");
    }
    if (threads < 1 || maxPixels < 1 || minFacePx < 4 || thumbnailSize < 16 || previewSize < 16) {
      throw new IllegalArgumentException("face engine settings out of range");
    }
    if (jpegQuality < 1 || jpegQuality > 100) {
      throw new IllegalArgumentException("jpegQuality must be 1..100");
    }
  }

  /** Packaged models, default thresholds. */
  public static FaceEngineConfig defaults() {
    return from(key -> null);
  }

  /**
   * System properties {@code glimpse.faces.*}, then environment variables {@code GLIMPSE_FACES_*}.
   */
  public static FaceEngineConfig fromEnvironment() {
    return fromSources(System.getProperties(), System.getenv());
  }

  static FaceEngineConfig fromSources(Map<?, ?> properties, Map<String, String> env) {
    return from(
        key -> {
          Object value = properties.get("glimpse.faces." + key);
          if (value == null) {
            value = env.get(envName(key));
          }
          return value == null || value.toString().isBlank() ? null : value.toString().trim();
        });
  }

  /** {@code quality.minFacePx} becomes {@code GLIMPSE_FACES_QUALITY_MIN_FACE_PX}. */
  static String envName(String key) {
    String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_');
    return "GLIMPSE_FACES_" + snake.toUpperCase(Locale.ROOT);
  }

  private static FaceEngineConfig from(Function<String, String> source) {
    String detector = source.apply("detector");
    String kind = source.apply("detector.kind");
    Path detectorPath = detector == null ? null : Path.of(detector);
    DetectorKind detectorKind;
    if (kind != null) {
      detectorKind = DetectorKind.parse(kind);
    } else if (detectorPath != null
        && detectorPath.getFileName().toString().toLowerCase(Locale.ROOT).contains("yunet")) {
      detectorKind = DetectorKind.YUNET;
    } else if (detectorPath != null) {
      detectorKind = DetectorKind.BLAZEFACE;
    } else {
      detectorKind = DetectorKind.ULTRAFACE;
    }
    String embedder = source.apply("embedder");
    String embedderKind = source.apply("embedder.kind");
    return new FaceEngineConfig(
        detectorKind,
        detectorPath,
        embedderKind == null ? EmbedderKind.ARCFACE : EmbedderKind.parse(embedderKind),
        embedder == null ? null : Path.of(embedder),
        intValue(source, "threads", 1),
        Long.parseLong(value(source, "maxPixels", "100000000")),
        intValue(source, "minFacePx", 32),
        floatValue(source, "minScore", MODEL_DEFAULT_SCORE),
        intValue(source, "quality.minFacePx", 26),
        floatValue(source, "quality.minScore", 0.7f),
        floatValue(source, "quality.minSharpness", 10f),
        floatValue(source, "quality.maxYaw", 0.6f),
        intValue(source, "thumbnail", 400),
        intValue(source, "preview", 1600),
        intValue(source, "jpegQuality", 85),
        Boolean.parseBoolean(value(source, "flip", "false")));
  }

  private static String value(Function<String, String> source, String key, String fallback) {
    String value = source.apply(key);
    return value == null ? fallback : value;
  }

  private static int intValue(Function<String, String> source, String key, int fallback) {
    return Integer.parseInt(value(source, key, Integer.toString(fallback)));
  }

  private static float floatValue(Function<String, String> source, String key, float fallback) {
    return Float.parseFloat(value(source, key, Float.toString(fallback)));
  }

  /** Same settings with another detector. */
  public FaceEngineConfig withDetector(DetectorKind kind, Path model) {
    return new FaceEngineConfig(
        kind,
        model,
        embedderKind,
        embedderModel,
        threads,
        maxPixels,
        minFacePx,
        minScore,
        qualityMinFacePx,
        qualityMinScore,
        qualityMinSharpness,
        qualityMaxYaw,
        thumbnailSize,
        previewSize,
        jpegQuality,
        flip);
  }

  /** Same settings with another embedder (its packaged model). */
  public FaceEngineConfig withEmbedder(EmbedderKind kind) {
    return new FaceEngineConfig(
        detectorKind,
        detectorModel,
        kind,
        null,
        threads,
        maxPixels,
        minFacePx,
        minScore,
        qualityMinFacePx,
        qualityMinScore,
        qualityMinSharpness,
        qualityMaxYaw,
        thumbnailSize,
        previewSize,
        jpegQuality,
        flip);
  }

  /** Same settings with another pixel limit. */
  public FaceEngineConfig withMaxPixels(long limit) {
    return new FaceEngineConfig(
        detectorKind,
        detectorModel,
        embedderKind,
        embedderModel,
        threads,
        limit,
        minFacePx,
        minScore,
        qualityMinFacePx,
        qualityMinScore,
        qualityMinSharpness,
        qualityMaxYaw,
        thumbnailSize,
        previewSize,
        jpegQuality,
        flip);
  }

  /** Same settings scanning for faces down to another size. */
  public FaceEngineConfig withMinFacePx(int px) {
    return new FaceEngineConfig(
        detectorKind,
        detectorModel,
        embedderKind,
        embedderModel,
        threads,
        maxPixels,
        px,
        minScore,
        qualityMinFacePx,
        qualityMinScore,
        qualityMinSharpness,
        qualityMaxYaw,
        thumbnailSize,
        previewSize,
        jpegQuality,
        flip);
  }

  /** Same settings with flip test-time augmentation on or off. */
  public FaceEngineConfig withFlip(boolean on) {
    return new FaceEngineConfig(
        detectorKind,
        detectorModel,
        embedderKind,
        embedderModel,
        threads,
        maxPixels,
        minFacePx,
        minScore,
        qualityMinFacePx,
        qualityMinScore,
        qualityMinSharpness,
        qualityMaxYaw,
        thumbnailSize,
        previewSize,
        jpegQuality,
        on);
  }

  /** Same settings with another embedder ({@code model} null for the packaged one of the kind). */
  public FaceEngineConfig withEmbedder(EmbedderKind kind, Path model) {
    return new FaceEngineConfig(
        detectorKind,
        detectorModel,
        kind,
        model,
        threads,
        maxPixels,
        minFacePx,
        minScore,
        qualityMinFacePx,
        qualityMinScore,
        qualityMinSharpness,
        qualityMaxYaw,
        thumbnailSize,
        previewSize,
        jpegQuality,
        flip);
  }
}
