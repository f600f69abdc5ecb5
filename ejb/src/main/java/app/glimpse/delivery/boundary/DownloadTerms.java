package app.glimpse.delivery.boundary;

import app.glimpse.delivery.entity.DownloadRule;
import java.io.Serializable;

/**
 * What one caller may download from an event, for the gallery's buttons: staff always the originals
 * without a PIN; guests as the studio set it. {@code imageVersion} changes whenever what guests see
 * changes (0 while it never did): the gallery puts it into the images' links, so that a browser's
 * cached images never mix two watermarks.
 */
public record DownloadTerms(DownloadRule downloads, boolean pinRequired, long imageVersion)
    implements Serializable {

  public boolean any() {
    return downloads != DownloadRule.NONE;
  }
}
