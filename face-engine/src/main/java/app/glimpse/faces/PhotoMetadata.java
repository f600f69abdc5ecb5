package app.glimpse.faces;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What the file says about itself, read with metadata-extractor. Damaged metadata never fails a
 * photo: the fields it could not read are simply {@code null}.
 *
 * @param format detected container format: {@code jpeg}, {@code png}, {@code webp}, {@code tiff},
 *     {@code bmp}, {@code gif}, {@code heic}, or a camera RAW's ({@code cr2}, {@code cr3}, {@code
 *     nef}, {@code arw}, {@code dng}, {@code raf}, {@code orf}, {@code pef}, {@code raw})
 * @param capturedAt EXIF DateTimeOriginal as written by the camera (local time), or {@code null}
 * @param capturedOffset EXIF OffsetTimeOriginal when the camera wrote one, or {@code null}
 * @param make camera make, or {@code null}
 * @param model camera model, or {@code null}
 * @param lens lens model, or {@code null}
 * @param hasGps whether the file carries GPS tags
 * @param orientation EXIF orientation 1..8 that was applied (1 when absent)
 */
public record PhotoMetadata(
    String format,
    LocalDateTime capturedAt,
    ZoneOffset capturedOffset,
    String make,
    String model,
    String lens,
    boolean hasGps,
    int orientation) {

  /** Capture time as an instant-bearing value, only when the file gave both time and offset. */
  public Optional<OffsetDateTime> capturedAtWithOffset() {
    return capturedAt == null || capturedOffset == null
        ? Optional.empty()
        : Optional.of(capturedAt.atOffset(capturedOffset));
  }
}
