package app.glimpse.photos.boundary;

import app.glimpse.access.boundary.Caller;
import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.ClientError;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;

/** The indexed photos of an event, for its photographers and its guests. */
@Stateless
public class Photos {

  public static final int MAX_PAGE_SIZE = 200;

  @PersistenceContext EntityManager em;

  @EJB Events events;

  /** Page {@code page} (from 0) of {@code size} photos in capture order. */
  public PhotoPage page(@NotNull Caller caller, long eventId, int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw ClientError.badRequest(
          "invalid_page", "page starts at 0 and size lies between 1 and " + MAX_PAGE_SIZE + ".");
    }
    Event event = events.visibleEvent(caller, eventId);
    long total =
        em.createNamedQuery(Photo.COUNT_BY_EVENT, Long.class)
            .setParameter("eventId", event.getId())
            .getSingleResult();
    var items =
        em.createNamedQuery(Photo.FIND_BY_EVENT, Photo.class)
            .setParameter("eventId", event.getId())
            .setFirstResult(Math.toIntExact(Math.min((long) page * size, Integer.MAX_VALUE)))
            .setMaxResults(size)
            .getResultStream()
            .map(
                photo ->
                    new PhotoPage.Item(
                        photo.getId(),
                        photo.getFileName(),
                        photo.getWidth(),
                        photo.getHeight(),
                        photo.getTakenAt(),
                        photo.getFaceCount()))
            .toList();
    return new PhotoPage(total, items);
  }
}
