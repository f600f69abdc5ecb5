package app.glimpse.faces.model;

/**
 * Adds up the time spent inside ONNX Runtime during one photo, so the benchmark can tell model time
 * from the work around it. One instance per analysis; not shared between threads.
 */
public final class InferenceClock {
  private long nanos;
  private int calls;

  /** Records one inference that started at {@code startNanos} ({@link System#nanoTime()}). */
  public void stop(long startNanos) {
    nanos += System.nanoTime() - startNanos;
    calls++;
  }

  /** Inferences recorded so far. */
  public int calls() {
    return calls;
  }

  /** Total recorded so far. */
  public long nanos() {
    return nanos;
  }
}
