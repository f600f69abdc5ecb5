package app.glimpse.imports.boundary;

import app.glimpse.events.boundary.Events;
import app.glimpse.imports.control.ImportSources;
import app.glimpse.imports.control.UnreadableFileException;
import app.glimpse.imports.entity.Source;
import app.glimpse.photos.boundary.Photos;
import app.glimpse.photos.entity.Photo;
import app.glimpse.photos.entity.PhotoStatus;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The originals of an event's photos, for downloads by its staff and its guests: opened as streams
 * from wherever the import read them (server folder, upload folder, Drive), so that the caller can
 * copy them to the response without ever holding a whole photo. No transaction: opening a Drive
 * stream is a network call, and reading it happens after this bean has returned. In the imports
 * area because only the import's source knows where an original lies.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Originals {

  private static final Logger LOG = Logger.getLogger(Originals.class.getName());

  @PersistenceContext EntityManager em;
  @EJB Events events;
  @Inject ImportSources sources;

  /** An indexed photo of the event, by its file name. */
  public record OriginalFile(long photoId, String fileName) implements Serializable {}

  /** An opened original; whoever gets it closes {@code content}. */
  public record Original(long photoId, String fileName, InputStream content) {
    /** The content type its download is served with, from its file name. */
    public String contentType() {
      return Originals.contentType(fileName);
    }
  }

  /**
   * Content types of the photo formats Glimpse imports, by file extension, where the JDK's table
   * has none or another: HEIC/HEIF (IANA's) and the camera RAWs (the {@code image/x-} names the
   * makers' and Adobe's software register, as shared-mime-info lists them).
   */
  private static final Map<String, String> CONTENT_TYPES =
      Map.ofEntries(
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("jpe", "image/jpeg"),
          Map.entry("jfif", "image/jpeg"),
          Map.entry("png", "image/png"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("tif", "image/tiff"),
          Map.entry("tiff", "image/tiff"),
          Map.entry("bmp", "image/bmp"),
          Map.entry("heic", "image/heic"),
          Map.entry("heif", "image/heif"),
          Map.entry("hif", "image/heif"),
          Map.entry("cr2", "image/x-canon-cr2"),
          Map.entry("cr3", "image/x-canon-cr3"),
          Map.entry("nef", "image/x-nikon-nef"),
          Map.entry("arw", "image/x-sony-arw"),
          Map.entry("dng", "image/x-adobe-dng"),
          Map.entry("raf", "image/x-fuji-raf"),
          Map.entry("orf", "image/x-olympus-orf"));

  /**
   * The content type of an original named {@code fileName}; {@code application/octet-stream} when
   * unknown.
   */
  public static String contentType(String fileName) {
    int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
    String extension =
        dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
  }

  /**
   * The event's indexed photos among {@code photoIds}, in that order; ids of other events or of
   * unknown photos are left out.
   */
  public List<OriginalFile> files(
      @NotNull Caller caller, long eventId, @NotNull Collection<Long> photoIds) {
    String hidden = Photos.guestFilter(caller, events.visibleEvent(caller, eventId));
    Map<Long, String> names = new HashMap<>();
    List<Long> ids = List.copyOf(photoIds);
    for (int from = 0; from < ids.size(); from += 1000) {
      em.createQuery(
              "SELECT p.id, p.fileName FROM Photo p WHERE p.id IN :ids AND p.event.id = :eventId"
                  + " AND p.status = :indexed"
                  + hidden,
              Object[].class)
          .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
          .setParameter("eventId", eventId)
          .setParameter("indexed", PhotoStatus.INDEXED)
          .getResultStream()
          .forEach(row -> names.put((Long) row[0], (String) row[1]));
    }
    List<OriginalFile> files = new ArrayList<>();
    for (Long id : ids) {
      String name = names.remove(id);
      if (name != null) {
        files.add(new OriginalFile(id, name));
      }
    }
    return files;
  }

  /**
   * Opens the original of photo {@code photoId} of the event.
   *
   * @throws ClientError 404 if the caller may not see the event or the photo is not one of its
   *     indexed photos (for a guest: not hidden either); 409 {@code original_unavailable} if the
   *     original cannot be read any more (removed from the folder, Drive disconnected): with the
   *     reason for the event's staff, and without it for a guest, who must not learn where the
   *     studio keeps its files (the reason is logged)
   */
  public Original open(@NotNull Caller caller, long eventId, long photoId) {
    String hidden = Photos.guestFilter(caller, events.visibleEvent(caller, eventId));
    Photo photo =
        em.createQuery(
                "SELECT p FROM Photo p WHERE p.id = :id"
                    + " AND p.event.id = :eventId AND p.status = :indexed"
                    + hidden,
                Photo.class)
            .setParameter("id", photoId)
            .setParameter("eventId", eventId)
            .setParameter("indexed", PhotoStatus.INDEXED)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> ClientError.notFound("photo"));
    Source source = em.find(Source.class, photo.getSourceId());
    try {
      return new Original(photo.getId(), photo.getFileName(), sources.open(source, photo));
    } catch (UnreadableFileException e) {
      if (caller.studioId() != null) {
        throw ClientError.conflict("original_unavailable", e.getMessage());
      }
      LOG.log(
          Level.INFO,
          "A guest asked for the original of photo {0} of event {1}, which cannot be read: {2}",
          new Object[] {photoId, eventId, e.getMessage()});
      throw ClientError.conflict(
          "original_unavailable",
          "The original of this photo is not available any more; the photographer can import it"
              + " again.");
    }
  }
}
