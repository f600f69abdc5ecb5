package app.glimpse.delivery.entity;

import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an event delivers its photos to guests: what they may download, the watermark drawn into the
 * previews they see (and into web-size downloads if asked), and an optional download PIN, kept as
 * its hash only. The watermark's generation rises with every change of what guests see, and guests
 * are served only images of the current generation, so a gallery never mixes two marks. Events
 * without a row deliver originals without a watermark.
 */
@Entity
@Table(name = "event_delivery")
public class EventDelivery {

  @Id private Long eventId;

  @Enumerated(EnumType.STRING)
  private DownloadRule downloads;

  private String watermarkText;
  private boolean watermarkLogo;

  @Enumerated(EnumType.STRING)
  private WatermarkPosition watermarkPosition;

  private Integer watermarkSize;
  private Integer watermarkOpacity;
  private boolean watermarkDownloads;
  private String downloadPinHash;
  private long watermarkGeneration;
  private long renderedGeneration;
  private Instant changedAt;

  protected EventDelivery() {}

  /** The settings of an event that had none: originals, no watermark, no PIN. */
  public EventDelivery(long eventId) {
    this.eventId = eventId;
    this.downloads = DownloadRule.ORIGINAL;
    this.changedAt = Timestamps.now();
  }

  public long getEventId() {
    return eventId;
  }

  public DownloadRule getDownloads() {
    return downloads;
  }

  public Optional<Watermark> watermark() {
    if (watermarkPosition == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Watermark(
            watermarkLogo ? null : watermarkText,
            watermarkLogo,
            watermarkPosition,
            watermarkSize,
            watermarkOpacity));
  }

  public boolean isWatermarkDownloads() {
    return watermarkDownloads;
  }

  public String getDownloadPinHash() {
    return downloadPinHash;
  }

  public long getWatermarkGeneration() {
    return watermarkGeneration;
  }

  public long getRenderedGeneration() {
    return renderedGeneration;
  }

  /**
   * Sets what guests may download and how; {@code pinHash} null takes the PIN away. Returns whether
   * what guests see changed (then the generation has risen and the previews must be drawn again).
   */
  public boolean change(
      DownloadRule downloads, Watermark watermark, boolean watermarkDownloads, String pinHash) {
    this.downloads = Objects.requireNonNull(downloads, "downloads");
    this.watermarkDownloads = watermarkDownloads;
    this.downloadPinHash = pinHash;
    this.changedAt = Timestamps.now();
    if (Objects.equals(watermark().orElse(null), watermark)) {
      return false;
    }
    this.watermarkText = watermark == null ? null : watermark.text();
    this.watermarkLogo = watermark != null && watermark.logo();
    this.watermarkPosition = watermark == null ? null : watermark.position();
    this.watermarkSize = watermark == null ? null : watermark.size();
    this.watermarkOpacity = watermark == null ? null : watermark.opacity();
    watermarkGeneration++;
    return true;
  }

  /**
   * The logo the watermark shows was replaced or removed: a new generation, drawn with the new one.
   */
  public void logoChanged() {
    if (watermarkLogo) {
      watermarkGeneration++;
      changedAt = Timestamps.now();
    }
  }

  /** Every image of {@code generation} is drawn; ignored once a later generation began. */
  public void rendered(long generation) {
    if (generation == watermarkGeneration && generation > renderedGeneration) {
      renderedGeneration = generation;
    }
  }
}
