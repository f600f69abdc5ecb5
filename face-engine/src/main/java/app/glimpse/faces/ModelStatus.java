package app.glimpse.faces;

/**
 * Outcome of {@link FaceEngine#check()}: whether both models loaded and ran one tiny inference.
 *
 * @param usable true when detection and embedding both worked
 * @param detector detector kind and source, e.g. {@code blazeface (packaged
 *     blazeface-back-256.onnx)}
 * @param embedder embedder source
 * @param detail {@code ok} with the check's duration, or the reason it failed
 */
public record ModelStatus(boolean usable, String detector, String embedder, String detail) {}
