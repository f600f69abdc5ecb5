package app.glimpse.delivery.boundary;

import app.glimpse.delivery.control.GuestImages;
import app.glimpse.delivery.control.WatermarkFiles;
import app.glimpse.delivery.entity.EventDelivery;
import app.glimpse.delivery.entity.Watermark;
import app.glimpse.events.entity.Event;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Draws an event's watermark generation into every indexed photo's thumbnail and preview in the
 * background, after a change of the watermark (or of the logo it shows). Guests are served the new
 * generation at once (what is not drawn yet is drawn when asked for, {@link Delivery#guestImage}),
 * so this only takes that work off their requests; a render stops as soon as a later generation
 * began. When it is done, the older generations' files go.
 */
@Stateless
public class WatermarkRenders {

  private static final Logger log = Logger.getLogger(WatermarkRenders.class.getName());

  @PersistenceContext EntityManager em;
  @Inject GuestImages images;
  @Inject WatermarkFiles files;
  @Resource SessionContext context;

  @Asynchronous
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void render(long eventId, long generation) {
    long started = System.nanoTime();
    EventDelivery delivery = em.find(EventDelivery.class, eventId);
    Event event = em.find(Event.class, eventId);
    if (delivery == null || event == null || delivery.getWatermarkGeneration() != generation) {
      return;
    }
    Optional<Watermark> mark = delivery.watermark();
    long studioId = event.getStudio().getId();
    int drawn = 0;
    if (mark.isPresent()) {
      List<Long> photos = images.photos(eventId, Integer.MAX_VALUE);
      for (Long photo : photos) {
        if (drawn % 50 == 0 && !current(eventId, generation)) {
          log.log(
              Level.INFO,
              "Watermark generation {0} of event {1} left after {2} photos: a later one began",
              new Object[] {generation, eventId, drawn});
          return;
        }
        for (WatermarkFiles.Kind kind : WatermarkFiles.Kind.values()) {
          images.ensure(eventId, studioId, generation, photo, kind, mark.get());
        }
        drawn++;
      }
    }
    context.getBusinessObject(WatermarkRenders.class).finish(eventId, generation);
    log.log(
        Level.INFO,
        "Watermark generation {0} of event {1}: {2} photos drawn in {3} ms",
        new Object[] {generation, eventId, drawn, (System.nanoTime() - started) / 1_000_000});
  }

  /** Records the generation as drawn and removes the older ones' files. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void finish(long eventId, long generation) {
    EventDelivery delivery = em.find(EventDelivery.class, eventId, LockModeType.PESSIMISTIC_WRITE);
    if (delivery == null || delivery.getWatermarkGeneration() != generation) {
      return;
    }
    delivery.rendered(generation);
    files.keepOnly(eventId, generation);
  }

  private boolean current(long eventId, long generation) {
    EventDelivery now = em.find(EventDelivery.class, eventId);
    return now != null && now.getWatermarkGeneration() == generation;
  }
}
