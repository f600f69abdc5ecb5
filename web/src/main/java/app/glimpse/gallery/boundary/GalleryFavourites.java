package app.glimpse.gallery.boundary;

import app.glimpse.events.boundary.Events;
import app.glimpse.favourites.boundary.Favourites;
import app.glimpse.favourites.boundary.GuestList;
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
import java.util.List;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;

/**
 * The gallery's favourites: the heart on every photo (grid, "Your photos", viewer), the name asked
 * once the first time a guest hearts, the list with its count against the photographer's limit, and
 * sending it. The hearts are plain buttons that {@code favourites.js} sends here through a remote
 * command with the photo's id, since the grid's later pages are moved by script and hold no
 * components of their own; the page learns the list from {@code #favourites:favState}. The guest is
 * the one of the gallery's pass ({@link GalleryPage}): the same all session long.
 */
@Named
@ViewScoped
public class GalleryFavourites implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm");

  @EJB Favourites favourites;
  @Inject GalleryPage gallery;

  /** The guest's list as last read: small (ids), and read again after every change. */
  private GuestList list;

  private String name;
  private String email;

  /** The photo hearted before the guest gave a name: hearted once they have. */
  private Long pending;

  private boolean listShown;

  /** The guest's list, or null outside the gallery. */
  public GuestList getList() {
    Events.GuestPass pass = gallery.getPass();
    if (pass == null) {
      return null;
    }
    if (list == null) {
      try {
        list = favourites.own(pass.caller(), pass.eventId());
      } catch (ClientError shut) {
        return null;
      }
    }
    return list;
  }

  /** A heart was tapped: the photo {@code photo} of the request goes into the list, or out. */
  public void toggle() {
    Long photo = photoParameter();
    GuestList current = getList();
    if (photo == null || current == null) {
      return;
    }
    if (!current.named()) {
      pending = photo;
      PrimeFaces.current().ajax().addCallbackParam("needName", true);
      return;
    }
    change(photo, !current.photoIds().contains(photo));
  }

  /** The name dialog: the guest's name and e-mail, then the photo they hearted. */
  public void introduce() {
    Events.GuestPass pass = gallery.getPass();
    if (pass == null) {
      return;
    }
    try {
      list = favourites.introduce(pass.caller(), pass.eventId(), name, email);
    } catch (ClientError refused) {
      FacesContext faces = FacesContext.getCurrentInstance();
      String field =
          "invalid_email".equals(refused.error()) ? "favIntro:favEmail" : "favIntro:favName";
      faces.addMessage(
          field, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
      faces.validationFailed();
      return;
    }
    PrimeFaces.current().ajax().addCallbackParam("named", true);
    if (pending != null) {
      change(pending, true);
      pending = null;
    }
  }

  /** "Send my selection", once confirmed: the list is locked. */
  public void submit() {
    Events.GuestPass pass = gallery.getPass();
    if (pass == null) {
      return;
    }
    try {
      list = favourites.submit(pass.caller(), pass.eventId());
      say("Sent. The photographer has your " + count(list) + " favourites.");
    } catch (ClientError refused) {
      say(refused.getMessage());
      list = null;
    }
  }

  public void toggleList() {
    listShown = !listShown;
  }

  private void change(long photo, boolean heart) {
    Events.GuestPass pass = gallery.getPass();
    try {
      list =
          heart
              ? favourites.heart(pass.caller(), pass.eventId(), photo)
              : favourites.unheart(pass.caller(), pass.eventId(), photo);
      say(
          (heart ? "Added to your favourites: " : "Removed from your favourites: ")
              + getCountText()
              + ".");
    } catch (ClientError refused) {
      list = null;
      say(
          refused.status() == 404
              ? "This photo is no longer in the gallery."
              : refused.getMessage());
    }
  }

  private static void say(String message) {
    PrimeFaces.current().ajax().addCallbackParam("message", message);
  }

  private static Long photoParameter() {
    String value =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("photo");
    try {
      return value == null ? null : Long.valueOf(value);
    } catch (NumberFormatException notAPhoto) {
      return null;
    }
  }

  private static int count(GuestList list) {
    return list == null ? 0 : list.photoIds().size();
  }

  /** The hearted photos' ids, space-separated, for the page's script. */
  public String getIdsText() {
    GuestList current = getList();
    return current == null
        ? ""
        : current.photoIds().stream().map(String::valueOf).collect(Collectors.joining(" "));
  }

  /** "12 of 40", or "12" without a limit. */
  public String getCountText() {
    GuestList current = getList();
    if (current == null) {
      return "0";
    }
    return current.selectionLimit() == null
        ? Integer.toString(count(current))
        : count(current) + " of " + current.selectionLimit();
  }

  public List<Long> getPhotoIds() {
    GuestList current = getList();
    return current == null ? List.of() : current.photoIds();
  }

  public boolean isSubmitted() {
    GuestList current = getList();
    return current != null && current.submitted();
  }

  public boolean isNamed() {
    GuestList current = getList();
    return current != null && current.named();
  }

  /** When the list was sent: "14 Jun 2031, 18:30". */
  public String getSubmittedAt() {
    GuestList current = getList();
    return current == null || current.submittedAt() == null
        ? ""
        : WHEN.format(current.submittedAt().atZone(ZoneId.systemDefault()));
  }

  /** For the name dialog: ", and you may pick up to 40 photos", or nothing without a limit. */
  public String getLimitHint() {
    GuestList current = getList();
    return current == null || current.selectionLimit() == null
        ? ""
        : ", and you may pick up to " + current.selectionLimit() + " photos";
  }

  public String alt(int index) {
    return "Favourite " + (index + 1) + " of " + getPhotoIds().size();
  }

  public boolean isListShown() {
    return listShown;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }
}
