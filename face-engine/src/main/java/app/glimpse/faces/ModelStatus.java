package app.glimpse.faces;

/**
 * Outcome of {@link FaceEngine#check()}: whether both models loaded and ran one tiny inference.
 *
 * @param usable true when detection and embedding both worked
 * @param detector detector kind and source, e.g. {@code blazeface (packaged
 *     blazeface-back-256.onnx)}
 * @param embedder embedder name, licence and source, e.g. {@code dlib-resnet-v1 (CC0, via
 *     @vladmandic/face-api 1.7.15), packaged dlib-resnet-v1-128.onnx}
 * @param detail {@code ok} with the check's duration, or the reason it failed
 * @param searchThreshold the cosine from which a face counts as the query's person for this
 *     embedder ({@link FaceEngine#searchThreshold()})
 */
public record ModelStatus(
    boolean usable, String detector, String embedder, String detail, float searchThreshold) {}
