package app.glimpse.delivery.boundary;

import app.glimpse.delivery.entity.DownloadRule;
import app.glimpse.delivery.entity.Watermark;
import java.io.Serializable;
import java.util.Objects;

/**
 * New delivery settings of an event: what guests may download, the watermark (null: none), whether
 * web-size downloads carry it, and the download PIN: kept as it is ({@code keepPin}), a new one
 * ({@code newPin}), or none (neither).
 */
public record DeliveryChange(
    DownloadRule downloads,
    Watermark watermark,
    boolean watermarkDownloads,
    String newPin,
    boolean keepPin)
    implements Serializable {

  public DeliveryChange {
    Objects.requireNonNull(downloads, "downloads");
    if (keepPin && newPin != null) {
      throw new IllegalArgumentException("Keep the PIN or set a new one, not both");
    }
  }
}
