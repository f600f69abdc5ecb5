package app.glimpse.delivery.boundary;

import app.glimpse.delivery.control.WatermarkFiles;
import app.glimpse.events.boundary.EventDeleted;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Once a change of what guests see is committed, starts drawing its generation in the background;
 * once an event's deletion is committed, removes its watermarked images.
 */
@ApplicationScoped
public class RendersAfterChanges {

  @EJB WatermarkRenders renders;
  @Inject WatermarkFiles files;

  void onChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) WatermarkChanged changed) {
    renders.render(changed.eventId(), changed.generation());
  }

  void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventDeleted deleted) {
    files.deleteEvent(deleted.eventId());
  }
}
