package app.glimpse.faces;

/**
 * The engine itself cannot work: a model is missing or corrupt, or a native library does not load.
 *
 * <p>Unchecked because no single photo is at fault; {@link FaceEngine#check()} reports the same
 * condition without throwing, for health checks.
 */
public class FaceEngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FaceEngineException(String message, Throwable cause) {
    super(message, cause);
  }

  public FaceEngineException(String message) {
    super(message);
  }
}
