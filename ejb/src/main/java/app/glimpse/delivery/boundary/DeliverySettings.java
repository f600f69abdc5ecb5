package app.glimpse.delivery.boundary;

import app.glimpse.delivery.entity.DownloadRule;
import app.glimpse.delivery.entity.EventDelivery;
import app.glimpse.delivery.entity.Watermark;
import java.io.Serializable;

/**
 * An event's delivery settings as the studio sees them; the PIN only as whether there is one. The
 * watermark's generation rises with every change of what guests see; {@code rendered} tells whether
 * the background render of that generation has finished (guests are served the current generation
 * either way: what is not drawn yet is drawn when asked for).
 */
public record DeliverySettings(
    DownloadRule downloads,
    Watermark watermark,
    boolean watermarkDownloads,
    boolean downloadPin,
    long watermarkGeneration,
    boolean rendered)
    implements Serializable {

  static DeliverySettings of(EventDelivery delivery) {
    return new DeliverySettings(
        delivery.getDownloads(),
        delivery.watermark().orElse(null),
        delivery.isWatermarkDownloads(),
        delivery.getDownloadPinHash() != null,
        delivery.getWatermarkGeneration(),
        delivery.getRenderedGeneration() >= delivery.getWatermarkGeneration());
  }
}
