package app.glimpse.imports.job;

import jakarta.ejb.ApplicationException;

/**
 * The source could not be listed, for a reason the photographer can read (Drive disconnected, the
 * folder is gone, Drive kept refusing). Ends the import job as failed with that reason.
 */
@ApplicationException(rollback = true)
public class SourceListingException extends RuntimeException {

  public SourceListingException(String reason) {
    super(reason);
  }
}
