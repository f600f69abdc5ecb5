package app.glimpse.photos.control;

import jakarta.ejb.ApplicationException;

/**
 * The previews' disk has no room for a photo's thumbnail and preview (it is full, or refuses a file
 * of that size), so the photo cannot be stored; the message is the reason the photographer reads.
 * Nothing of the photo is left on that disk, and its transaction rolls back: the photo is not
 * stored. Trying the same file again at once would find the disk as full, so the import records the
 * file as failed with this reason instead ({@code PhotoFileConsumer}); importing the folder again
 * once there is room indexes it.
 */
@ApplicationException(rollback = true)
public class PreviewsFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PreviewsFullException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
