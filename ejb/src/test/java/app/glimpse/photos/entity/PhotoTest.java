package app.glimpse.photos.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.events.entity.Event;
import app.glimpse.studios.entity.Studio;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a photo keeps of the text and times a file gave: only what its columns can hold. */
class PhotoTest {

  private final Event event = new Event(new Studio("Studio"), "Event", null, "event-slug");
  private final Long sourceId = 7L;

  @Test
  void boundsEveryTextToItsColumn() {
    Photo photo =
        Photo.indexed(event, sourceId, 1L, "a\0b.jpg", "x".repeat(4_000) + ".jpg", "hash");
    photo.describe(
        10,
        10,
        null,
        "+05:30",
        "M".repeat(4_000),
        "Model\u0001\u0000 X",
        "L".repeat(70_000),
        false);
    assertEquals(Photo.CAMERA_LENGTH, photo.getCameraMake().length());
    assertEquals("Model X", photo.getCameraModel());
    assertEquals("ab.jpg", photo.getSourceFileId(), "no NUL reaches the database");
    assertEquals(Photo.FILE_NAME_LENGTH, photo.getFileName().length());
    assertTrue(photo.getFileName().endsWith(".jpg"), photo.getFileName());
    photo.sourceVersion("v".repeat(500));
    assertEquals(Photo.VERSION_LENGTH, photo.getSourceVersion().length());
    Photo failed =
        Photo.failed(event, sourceId, 1L, "f.jpg", "f.jpg", "-", "why\0 " + "r".repeat(10_000));
    assertEquals(Photo.REASON_LENGTH, failed.getFailureReason().length());
    assertTrue(failed.getFailureReason().startsWith("why r"), failed.getFailureReason());
    assertEquals(
        "no reason given",
        Photo.failed(event, sourceId, 1L, "g.jpg", "g.jpg", "-", "\0").getFailureReason());
  }

  @Test
  void dropsCaptureTimesNoCameraCanHaveTaken() {
    assertNull(taken(LocalDateTime.of(1, 1, 1, 0, 0).toInstant(ZoneOffset.UTC)));
    assertNull(taken(LocalDateTime.of(1800, 1, 1, 0, 0).toInstant(ZoneOffset.UTC)));
    assertNull(taken(LocalDateTime.of(294_277, 1, 1, 0, 0).toInstant(ZoneOffset.UTC)));
    assertNull(taken(Instant.now().plus(Duration.ofDays(30))));
    Instant old = LocalDateTime.of(1900, 6, 1, 12, 0).toInstant(ZoneOffset.UTC);
    assertEquals(old, taken(old));
    Instant recent = Instant.parse("2024-05-01T10:00:00Z");
    assertEquals(recent, taken(recent));
  }

  private Instant taken(Instant at) {
    Photo photo = Photo.indexed(event, sourceId, 1L, "t.jpg", "t.jpg", "hash");
    photo.describe(10, 10, at, "+02:00", null, null, null, false);
    return photo.getTakenAt();
  }
}
