package app.glimpse.delivery.control;

import app.glimpse.delivery.entity.StudioLogo;
import app.glimpse.delivery.entity.Watermark;
import app.glimpse.photos.control.Previews;
import app.glimpse.photos.entity.PhotoStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watermarked thumbnails and previews guests see, drawn from the clean ones the import wrote
 * ({@link Previews}, whose files this reads and never changes) into the generation's folder of
 * {@link WatermarkFiles}: by the background render after a change, or at once when a guest asks for
 * one not drawn yet. The studios' logos are decoded once per upload and kept in memory.
 */
@ApplicationScoped
public class GuestImages {

  @PersistenceContext EntityManager em;
  @Inject Previews previews;
  @Inject WatermarkFiles files;
  @Inject Watermarker watermarker;

  private final ConcurrentHashMap<Long, Logo> logos = new ConcurrentHashMap<>();

  private record Logo(Instant uploadedAt, BufferedImage image) {}

  /**
   * The image of generation {@code generation}, drawn now if it is not yet; empty when the photo
   * has no clean image to draw from (not an indexed photo of the event).
   */
  public Optional<Path> ensure(
      long eventId,
      long studioId,
      long generation,
      long photoId,
      WatermarkFiles.Kind kind,
      Watermark mark) {
    Path target = files.image(eventId, generation, photoId, kind);
    if (Files.exists(target)) {
      return Optional.of(target);
    }
    Path clean =
        kind == WatermarkFiles.Kind.THUMB
            ? previews.thumbnail(eventId, photoId)
            : previews.preview(eventId, photoId);
    byte[] jpeg;
    try {
      jpeg = Files.readAllBytes(clean);
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BufferedImage logo = mark.logo() ? logo(studioId).orElse(null) : null;
    files.write(target, watermarker.apply(jpeg, mark, logo));
    return Optional.of(target);
  }

  /** The event's indexed photos in the gallery's order (when taken), at most {@code limit}. */
  public List<Long> photos(long eventId, int limit) {
    return em.createQuery(
            "SELECT p.id FROM Photo p WHERE p.event.id = :eventId AND p.status = :indexed"
                + " ORDER BY p.takenAt, p.id",
            Long.class)
        .setParameter("eventId", eventId)
        .setParameter("indexed", PhotoStatus.INDEXED)
        .setMaxResults(limit)
        .getResultList();
  }

  /** The studio's logo as an image, if it has one. */
  public Optional<BufferedImage> logo(long studioId) {
    StudioLogo stored = em.find(StudioLogo.class, studioId);
    if (stored == null) {
      logos.remove(studioId);
      return Optional.empty();
    }
    Logo known = logos.get(studioId);
    if (known != null && known.uploadedAt().equals(stored.getUploadedAt())) {
      return Optional.of(known.image());
    }
    BufferedImage image = PngLogos.decode(stored.getPng());
    logos.put(studioId, new Logo(stored.getUploadedAt(), image));
    return Optional.of(image);
  }
}
