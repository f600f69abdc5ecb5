package app.glimpse.delivery.entity;

import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A studio's logo, a PNG of at most {@link #MAX_BYTES}, kept in the database (small, and backed up
 * with the rest): watermarks draw it, and the studio's brand shows it.
 */
@Entity
@Table(name = "studio_logo")
public class StudioLogo {

  public static final int MAX_BYTES = 1024 * 1024;
  public static final int MAX_SIDE = 4000;

  @Id private Long studioId;

  @Basic(fetch = FetchType.LAZY)
  private byte[] png;

  private int width;
  private int height;
  private Instant uploadedAt;

  protected StudioLogo() {}

  public StudioLogo(long studioId, byte[] png, int width, int height) {
    this.studioId = studioId;
    replace(png, width, height);
  }

  public void replace(byte[] png, int width, int height) {
    Objects.requireNonNull(png, "png");
    if (png.length == 0 || png.length > MAX_BYTES) {
      throw new IllegalArgumentException("A logo has 1 byte to 1 MiB");
    }
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new IllegalArgumentException("A logo has 1 to " + MAX_SIDE + " pixels a side");
    }
    this.png = png.clone();
    this.width = width;
    this.height = height;
    this.uploadedAt = Timestamps.now();
  }

  public long getStudioId() {
    return studioId;
  }

  public byte[] getPng() {
    return png.clone();
  }

  public int getWidth() {
    return width;
  }

  public int getHeight() {
    return height;
  }

  public Instant getUploadedAt() {
    return uploadedAt;
  }
}
