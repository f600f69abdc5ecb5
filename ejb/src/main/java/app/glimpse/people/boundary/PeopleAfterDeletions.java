package app.glimpse.people.boundary;

import app.glimpse.people.control.PeopleClustering;
import app.glimpse.photos.boundary.PhotosDeleted;
import app.glimpse.photos.boundary.PhotosHidden;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Recounts an event's people when the photographer deleted or hid photos, in that transaction: a
 * person seen only in deleted photos is listed no more, one whose best face went gets another, and
 * portraits come from photos guests may see.
 */
@ApplicationScoped
public class PeopleAfterDeletions {

  @Inject PeopleClustering clustering;

  public void onDeleted(@Observes PhotosDeleted deleted) {
    clustering.summarise(deleted.eventId());
  }

  public void onHidden(@Observes PhotosHidden hidden) {
    clustering.summarise(hidden.eventId());
  }
}
