package app.glimpse.search.boundary;

import app.glimpse.events.boundary.GuestArrived;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.search.control.SearchViews;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads an event's search view on this node when a guest enters its gallery, in the background, so
 * that the guest's first selfie search does not wait for the load (seconds, for an event of 100,000
 * faces). One load per event at a time: a crowd arriving together starts one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SearchWarmup {

  private static final Logger LOG = Logger.getLogger(SearchWarmup.class.getName());

  @Inject SearchViews views;

  @Resource SessionContext context;

  /** Starts loading the event's view unless it is being loaded already. */
  public void onArrival(@Observes GuestArrived arrival) {
    if (arrival.faceSearch() && views.startWarming(arrival.eventId())) {
      context.getBusinessObject(SearchWarmup.class).warm(arrival.eventId());
    }
  }

  /** Brings the event's view up to date, loading it if this node has none. */
  @Asynchronous
  public void warm(long eventId) {
    try {
      views.current(eventId);
    } catch (ClientError tooLarge) {
      // the event's searches answer with the same message
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not load the faces of event " + eventId + " for search", e);
    } finally {
      views.warmed(eventId);
    }
  }
}
