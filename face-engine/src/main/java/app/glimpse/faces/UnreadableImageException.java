package app.glimpse.faces;

/**
 * The input could not be turned into an image: empty, truncated, not an image at all, or refused by
 * a limit.
 *
 * <p>Checked on purpose: every caller (import job, selfie upload) must decide what to tell the
 * user, and the message is written to be shown to them as it is.
 */
public class UnreadableImageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnreadableImageException(String message) {
    super(message);
  }

  public UnreadableImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
