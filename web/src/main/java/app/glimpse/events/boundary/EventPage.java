package app.glimpse.events.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.platform.boundary.Dates;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * {@code /studio/event.xhtml?id=}: one event and its guest access (code, expiry, face search, link
 * and QR code). The page's other parts have their own beans in their areas, which read the event's
 * id from here: its imports ({@code imports.boundary.EventImports}), its photo grid ({@code
 * photos.boundary.EventPhotos}) and its people ({@code people.boundary.PeoplePage}).
 */
@Named
@ViewScoped
public class EventPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB Events events;
  @Inject transient Callers callers;

  private long id;
  private EventView event;
  private String code;
  private String savedCode;
  private LocalDateTime expiresAt;
  private boolean faceSearch;
  private boolean peopleVisible;

  public void load() throws IOException {
    try {
      event = events.get(callers.current(), id);
    } catch (ClientError notFound) {
      FacesContext.getCurrentInstance()
          .getExternalContext()
          .responseSendError(404, "There is no such event.");
      FacesContext.getCurrentInstance().responseComplete();
      return;
    }
    faceSearch = event.faceSearch();
    peopleVisible = event.peopleVisible();
    savedCode = events.accessCode(callers.current(), id).orElse(null);
    expiresAt =
        event.accessExpiresAt() == null
            ? null
            : LocalDateTime.ofInstant(event.accessExpiresAt(), ZoneId.systemDefault());
  }

  /** Reads the event again, for its photo count while an import runs. */
  public void reload() {
    event = events.get(callers.current(), id);
  }

  /** Lets guests browse the event's people, or stops it. */
  public void changePeopleVisible() {
    event = events.showPeopleToGuests(callers.current(), id, peopleVisible);
  }

  /**
   * Saves the guest access. An empty code keeps the one the gallery has; the first time, the page
   * requires one. The code stays on the page (kept encrypted on the server) to print any time.
   */
  public void saveAccess() {
    Instant until = expiresAt == null ? null : expiresAt.atZone(ZoneId.systemDefault()).toInstant();
    boolean newCode = code != null && !code.isBlank();
    if (newCode
        && (code.strip().length() < getCodeMinLength()
            || code.strip().length() > getCodeMaxLength())) {
      fail(
          "access:code",
          "A code has " + getCodeMinLength() + " to " + getCodeMaxLength() + " characters.");
      return;
    }
    try {
      if (newCode) {
        event = events.setGuestAccess(callers.current(), id, code, until, faceSearch);
        savedCode = code.strip();
      } else {
        event = events.changeGuestAccess(callers.current(), id, until, faceSearch);
      }
      code = null;
      peopleVisible = event.peopleVisible();
      FacesContext.getCurrentInstance()
          .addMessage(
              null,
              new FacesMessage(
                  FacesMessage.SEVERITY_INFO,
                  newCode
                      ? "Guest access saved with the new code."
                      : "Guest access saved; the code stays as it was.",
                  null));
    } catch (ClientError refused) {
      fail(
          "invalid_expiry".equals(refused.error()) ? "access:expires" : "access:code",
          refused.getMessage());
    }
  }

  /** Closes the gallery: the code stops working and every guest inside is let out. */
  public void closeAccess() {
    event = events.closeGuestAccess(callers.current(), id);
    savedCode = null;
    expiresAt = null;
    FacesContext.getCurrentInstance()
        .addMessage(
            null,
            new FacesMessage(
                FacesMessage.SEVERITY_INFO,
                "Gallery closed. Guests need a new code to come back.",
                null));
  }

  /** A message beside the field with client id {@code field}, or on top for none. */
  private static void fail(String field, String message) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(field, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    faces.validationFailed();
  }

  /**
   * The shortest code the server takes ({@link Events#MIN_CODE_LENGTH}), read from there so that
   * the form and its label never disagree with the server.
   */
  public int getCodeMinLength() {
    return Events.MIN_CODE_LENGTH;
  }

  public int getCodeMaxLength() {
    return codeSize().max();
  }

  private static jakarta.validation.constraints.Size codeSize() {
    for (java.lang.reflect.Method method : Events.class.getMethods()) {
      if (method.getName().equals("setGuestAccess")) {
        for (java.lang.reflect.Parameter parameter : method.getParameters()) {
          jakarta.validation.constraints.Size size =
              parameter.getAnnotation(jakarta.validation.constraints.Size.class);
          if (size != null && parameter.getType() == String.class) {
            return size;
          }
        }
      }
    }
    throw new IllegalStateException("Events.setGuestAccess has no @Size on its code");
  }

  /** Whether guests can come in now, and since or until when: "Open until 14 June 2031, 18:30". */
  public String getAccessState() {
    Instant now = Instant.now();
    if (event.guestAccess()) {
      if (event.accessExpiresAt() == null) {
        return "Open to guests, with no end";
      }
      return event.accessExpiresAt().isAfter(now)
          ? "Open until " + dates().time(event.accessExpiresAt())
          : "Expired on " + dates().time(event.accessExpiresAt());
    }
    if (event.accessClosedAt() != null) {
      return "Closed on " + dates().time(event.accessClosedAt());
    }
    return "Not open to guests yet";
  }

  public boolean isAccessOpen() {
    return event.guestAccess()
        && (event.accessExpiresAt() == null || event.accessExpiresAt().isAfter(Instant.now()));
  }

  private static Dates dates() {
    return new Dates();
  }

  /** The event's printable card and poster ({@link EventCard}). */
  public String getCardLink() {
    return EventCard.link(
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath(), id);
  }

  /** The QR code of the gallery link ({@link GalleryQrCode}). */
  public String getQrCodeLink() {
    return GalleryQrCode.link(
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath(),
        id,
        event.slug());
  }

  public String getGalleryLink() {
    HttpServletRequest request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    return GalleryQrCode.galleryLink(request, event.slug());
  }

  public long getId() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }

  public EventView getEvent() {
    return event;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public String getSavedCode() {
    return savedCode;
  }

  public LocalDateTime getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(LocalDateTime expiresAt) {
    this.expiresAt = expiresAt;
  }

  public boolean isPeopleVisible() {
    return peopleVisible;
  }

  public void setPeopleVisible(boolean peopleVisible) {
    this.peopleVisible = peopleVisible;
  }

  /** After the face data was deleted: face search and people are off. */
  public void faceDataDeleted() {
    event = events.get(callers.current(), id);
    faceSearch = event.faceSearch();
    peopleVisible = event.peopleVisible();
  }

  public boolean isFaceSearch() {
    return faceSearch;
  }

  public void setFaceSearch(boolean faceSearch) {
    this.faceSearch = faceSearch;
  }
}
