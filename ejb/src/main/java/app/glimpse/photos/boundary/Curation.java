package app.glimpse.photos.boundary;

import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.photos.entity.Photo;
import app.glimpse.photos.entity.PhotoStatus;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The photographer curates an event's photos: hides them from guests or shows them again, and
 * deletes them. A deleted photo loses its faces, previews and sets, and stays as a tombstone so
 * that the next import of its folder leaves the file out; an uploaded original is removed too (by
 * the imports area, on {@link PhotosDeleted}), one in a server folder or Drive stays where it is.
 */
@Stateless
public class Curation {

  /** The most photos one call hides, shows or deletes. */
  public static final int MAX_PHOTOS = 1_000;

  @PersistenceContext EntityManager em;
  @EJB Events events;
  @Inject jakarta.enterprise.event.Event<PhotosDeleted> deletions;
  @Inject jakarta.enterprise.event.Event<PhotosHidden> hidings;

  /** Hides photo {@code photoId} from guests, or shows it again. */
  public PhotoPage.Item hide(@NotNull Caller caller, long photoId, boolean hidden) {
    Photo photo = staffPhoto(caller, photoId);
    photo.hide(hidden);
    em.flush();
    hidings.fire(new PhotosHidden(photo.getEvent().getId()));
    return item(photo);
  }

  /** Deletes photo {@code photoId}. */
  public void delete(@NotNull Caller caller, long photoId) {
    Photo photo = staffPhoto(caller, photoId);
    deleteAll(photo.getEvent().getId(), List.of(photo));
  }

  /**
   * Hides (or shows) the event's photos among {@code photoIds}; ids of other events are left out.
   *
   * @return how many photos it hid or showed
   */
  public int hide(
      @NotNull Caller caller, long eventId, @NotNull Collection<Long> photoIds, boolean hidden) {
    List<Photo> photos = staffPhotos(caller, eventId, photoIds);
    photos.forEach(photo -> photo.hide(hidden));
    em.flush();
    hidings.fire(new PhotosHidden(eventId));
    return photos.size();
  }

  /**
   * Deletes the event's photos among {@code photoIds}; ids of other events are left out.
   *
   * @return how many photos it deleted
   */
  public int delete(@NotNull Caller caller, long eventId, @NotNull Collection<Long> photoIds) {
    List<Photo> photos = staffPhotos(caller, eventId, photoIds);
    deleteAll(eventId, photos);
    return photos.size();
  }

  private void deleteAll(long eventId, List<Photo> photos) {
    if (photos.isEmpty()) {
      return;
    }
    List<Long> ids = photos.stream().map(Photo::getId).toList();
    em.createQuery("DELETE FROM Face f WHERE f.photo.id IN :ids")
        .setParameter("ids", ids)
        .executeUpdate();
    em.createQuery("DELETE FROM PhotoSetMember m WHERE m.photoId IN :ids")
        .setParameter("ids", ids)
        .executeUpdate();
    em.createQuery("UPDATE Event e SET e.coverPhotoId = NULL WHERE e.coverPhotoId IN :ids")
        .setParameter("ids", ids)
        .executeUpdate();
    List<PhotosDeleted.Deleted> deleted = new ArrayList<>();
    for (Photo photo : photos) {
      photo.delete();
      deleted.add(
          new PhotosDeleted.Deleted(photo.getId(), photo.getSourceId(), photo.getSourceFileId()));
    }
    em.flush();
    deletions.fire(new PhotosDeleted(eventId, deleted));
  }

  private Photo staffPhoto(Caller caller, long photoId) {
    Photo photo = em.find(Photo.class, photoId);
    if (photo == null || photo.getStatus() == PhotoStatus.DELETED) {
      throw ClientError.notFound("photo");
    }
    try {
      events.staffEvent(caller, photo.getEvent().getId());
    } catch (ClientError notTheirs) {
      throw ClientError.notFound("photo");
    }
    return photo;
  }

  private List<Photo> staffPhotos(Caller caller, long eventId, Collection<Long> photoIds) {
    Event event = events.staffEvent(caller, eventId);
    if (photoIds.isEmpty() || photoIds.size() > MAX_PHOTOS) {
      throw ClientError.badRequest(
          "invalid_photo_ids", "Give photoIds: 1 to " + MAX_PHOTOS + " photos of the event.");
    }
    return em.createQuery(
            "SELECT p FROM Photo p WHERE p.event.id = :eventId AND p.id IN :ids"
                + " AND p.status <> app.glimpse.photos.entity.PhotoStatus.DELETED",
            Photo.class)
        .setParameter("eventId", event.getId())
        .setParameter("ids", List.copyOf(photoIds))
        .getResultList();
  }

  static PhotoPage.Item item(Photo photo) {
    return new PhotoPage.Item(
        photo.getId(),
        photo.getFileName(),
        photo.getWidth(),
        photo.getHeight(),
        photo.getTakenAt(),
        photo.getFaceCount(),
        photo.isHidden());
  }
}
