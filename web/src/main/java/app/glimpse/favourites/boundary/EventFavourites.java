package app.glimpse.favourites.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.events.boundary.EventPage;
import app.glimpse.photos.boundary.PreviewImages;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * The favourites part of the studio's event page: the selection limit, each guest's list with its
 * thumbnails and the client mark, the hearts per photo, and the two exports. The event is the one
 * {@link EventPage} shows.
 */
@Named
@ViewScoped
public class EventFavourites implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm");

  @EJB Favourites favourites;
  @Inject EventPage eventPage;
  @Inject transient Callers callers;

  private FavouritesOverview overview;
  private Integer selectionLimit;
  private final Map<Long, Boolean> clients = new HashMap<>();

  public FavouritesOverview getOverview() {
    if (overview == null) {
      overview = favourites.overview(callers.current(), eventPage.getId());
      selectionLimit = overview.selectionLimit();
      clients.clear();
      overview.guests().forEach(guest -> clients.put(guest.id(), guest.client()));
    }
    return overview;
  }

  /** Reads the lists again ("Refresh"). */
  public void reload() {
    overview = null;
  }

  public void saveLimit() {
    try {
      selectionLimit =
          favourites
              .limitSelection(callers.current(), eventPage.getId(), selectionLimit)
              .selectionLimit();
      say(
          FacesMessage.SEVERITY_INFO,
          selectionLimit == null
              ? "Guests may heart any number of photos."
              : "Guests may heart up to " + selectionLimit + " photos.");
    } catch (ClientError refused) {
      FacesContext.getCurrentInstance()
          .addMessage(
              "favouritesForm:selectionLimit",
              new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
      FacesContext.getCurrentInstance().validationFailed();
    }
    overview = null;
  }

  public void changeClient(long guestId) {
    try {
      favourites.markClient(
          callers.current(), eventPage.getId(), guestId, Boolean.TRUE.equals(clients.get(guestId)));
    } catch (ClientError refused) {
      say(FacesMessage.SEVERITY_ERROR, refused.getMessage());
    }
    overview = null;
  }

  private static void say(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  public String thumbnail(long photoId) {
    return PreviewImages.thumbnailLink(contextPath(), eventPage.getId(), photoId);
  }

  public String getCsvLink() {
    return FavouritesExports.csvLink(contextPath(), eventPage.getId());
  }

  public String getFileNamesLink() {
    return FavouritesExports.fileNamesLink(contextPath(), eventPage.getId());
  }

  /** "12 of 40 photos", or "12 photos" without a limit. */
  public String count(FavouritesOverview.GuestFavourites guest) {
    int n = guest.photoIds().size();
    Integer limit = getOverview().selectionLimit();
    return (limit == null ? Integer.toString(n) : n + " of " + limit)
        + (n == 1 && limit == null ? " photo" : " photos");
  }

  public String sentAt(FavouritesOverview.GuestFavourites guest) {
    return guest.submittedAt() == null
        ? ""
        : WHEN.format(guest.submittedAt().atZone(ZoneId.systemDefault()));
  }

  private static String contextPath() {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
  }

  /** The limit as saved, or as typed; the field comes before the lists on the page. */
  public Integer getSelectionLimit() {
    getOverview();
    return selectionLimit;
  }

  public void setSelectionLimit(Integer selectionLimit) {
    this.selectionLimit = selectionLimit;
  }

  public Map<Long, Boolean> getClients() {
    return clients;
  }
}
