package app.glimpse.photos.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.events.boundary.EventPage;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/**
 * The photo grid of {@code /studio/event.xhtml}, page by page; the event is {@link EventPage}'s.
 */
@Named
@ViewScoped
public class EventPhotos implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB Photos photos;
  @Inject EventPage eventPage;
  @Inject transient Callers callers;

  private LazyDataModel<PhotoPage.Item> model;

  public LazyDataModel<PhotoPage.Item> getModel() {
    if (model == null) {
      model = new PhotoPages(photos, callers.current(), eventPage.getId());
    }
    return model;
  }
}
