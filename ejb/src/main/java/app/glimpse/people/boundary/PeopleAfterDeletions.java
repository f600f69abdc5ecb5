package app.glimpse.people.boundary;

import app.glimpse.people.control.PeopleClustering;
import app.glimpse.photos.boundary.PhotosDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Recounts an event's people when the photographer deleted photos, in the deleting transaction: a
 * person seen only in deleted photos is listed no more, and one whose best face went gets another.
 */
@ApplicationScoped
public class PeopleAfterDeletions {

  @Inject PeopleClustering clustering;

  public void onDeleted(@Observes PhotosDeleted deleted) {
    clustering.summarise(deleted.eventId());
  }
}
