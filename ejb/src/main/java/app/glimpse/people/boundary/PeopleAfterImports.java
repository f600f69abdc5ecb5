package app.glimpse.people.boundary;

import app.glimpse.imports.boundary.ImportCompleted;
import app.glimpse.people.control.PeopleClustering;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Groups the faces of a completed import into people in the background, so that the first look at
 * the people of a large event (the photographer's or a guest's) finds them grouped instead of
 * waiting, under the event's lock, for tens of thousands of faces to be placed.
 */
@Stateless
public class PeopleAfterImports {

  private static final Logger LOG = Logger.getLogger(PeopleAfterImports.class.getName());

  @Inject PeopleClustering clustering;

  @Resource SessionContext context;

  /** Once the import's completion is committed, starts placing its faces. */
  public void onCompleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ImportCompleted done) {
    context.getBusinessObject(PeopleAfterImports.class).place(done.eventId());
  }

  /** Places the event's faces not yet grouped (nothing if a listing did it already). */
  @Asynchronous
  public void place(long eventId) {
    try {
      clustering.placeNew(eventId);
    } catch (RuntimeException e) {
      // the next listing of the event's people places them instead
      LOG.log(Level.WARNING, "Could not group the faces of event " + eventId + " into people", e);
    }
  }
}
