package app.glimpse.faces;

/**
 * Wall-clock time of each stage of one {@link FaceEngine#analyze(byte[], String)} call, in
 * nanoseconds, for the benchmark and for logs. {@code model} is the part of detect and embed spent
 * inside ONNX Runtime.
 */
public record StageTimes(long decode, long detect, long embed, long preview, long model) {

  /** Sum of the stages (model time is part of detect and embed, so it is not added again). */
  public long total() {
    return decode + detect + embed + preview;
  }
}
