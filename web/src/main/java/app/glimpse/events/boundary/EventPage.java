package app.glimpse.events.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.gallery.boundary.PhotoPages;
import app.glimpse.imports.boundary.ImportView;
import app.glimpse.imports.boundary.Imports;
import app.glimpse.photos.boundary.PhotoPage;
import app.glimpse.photos.boundary.Photos;
import app.glimpse.platform.ClientError;
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
import java.util.List;
import org.primefaces.PrimeFaces;
import org.primefaces.model.LazyDataModel;

/**
 * {@code /studio/event.xhtml?id=}: one event. Its sources and imports with live progress, the files
 * that failed, the photo grid, and the guest access (code, expiry, face search, link and QR code).
 * Imports run in the batch job and the queue; this page only starts them and polls their counts, so
 * it never waits for one.
 */
@Named
@ViewScoped
public class EventPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB Events events;
  @EJB Imports imports;
  @EJB Photos photos;
  @Inject transient Callers callers;

  private long id;
  private EventView event;
  private ImportView latestImport;
  private List<Imports.FailedFile> failures = List.of();
  private LazyDataModel<PhotoPage.Item> photoModel;
  private String folder;
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
    photoModel = new PhotoPages(photos, callers.current(), id);
    readImport();
  }

  /**
   * Called by the page's poll while an import runs: the import's progress and the event's photo
   * count (the event by its key and one indexed count), so the count grows with the import.
   */
  public void refresh() {
    readImport();
    event = events.get(callers.current(), id);
    if (FacesContext.getCurrentInstance().getPartialViewContext().isAjaxRequest()) {
      PrimeFaces.current().ajax().addCallbackParam("importFinished", isImportFinished());
    }
  }

  private void readImport() {
    latestImport = imports.latest(callers.current(), id).orElse(null);
    failures =
        latestImport == null || latestImport.failed() == 0
            ? List.of()
            : imports.failures(callers.current(), latestImport.id());
  }

  public void startImport() {
    try {
      imports.importFolder(callers.current(), id, folder);
      refresh();
    } catch (ClientError refused) {
      fail("imports:sources:folder", refused.getMessage());
    }
  }

  /** Stops the running import: files already indexed stay, the rest wait for a restart. */
  public void stopImport() {
    try {
      latestImport = imports.stop(callers.current(), latestImport.id());
      refresh();
    } catch (ClientError refused) {
      fail("import", refused.getMessage());
    }
  }

  /** Lists the stopped or failed import's source again and imports what it has not yet recorded. */
  public void restartImport() {
    try {
      latestImport = imports.restart(callers.current(), latestImport.id());
      refresh();
    } catch (ClientError refused) {
      fail("import", refused.getMessage());
    }
  }

  /** Called when the page's upload script has started an import: shows it and polls it. */
  public void uploaded() {
    refresh();
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

  public boolean isImportRestartable() {
    return latestImport != null
        && (latestImport.status() == app.glimpse.imports.entity.ImportStatus.STOPPED
            || latestImport.status() == app.glimpse.imports.entity.ImportStatus.FAILED);
  }

  public boolean isImportRunning() {
    return latestImport != null && !latestImport.status().isFinished();
  }

  public boolean isImportFinished() {
    return latestImport == null || latestImport.status().isFinished();
  }

  /** Percent of the latest import's listed files that are handled. */
  public int getProgress() {
    if (latestImport == null) {
      return 0;
    }
    if (latestImport.status().isFinished()) {
      return 100;
    }
    int total = latestImport.total();
    return total == 0
        ? 0
        : (int) Math.min(99, 100L * (latestImport.processed() + latestImport.failed()) / total);
  }

  public String getProgressText() {
    ImportView run = latestImport;
    if (run == null) {
      return "No import yet.";
    }
    int handled = run.processed() + run.failed();
    return switch (run.status()) {
      case QUEUED -> "Waiting to start…";
      case RUNNING ->
          run.total() == 0
              ? "Listing the files…"
              : handled
                  + " of "
                  + run.total()
                  + " files"
                  + (run.rate() > 0 ? String.format(" · %.1f photos/s", run.rate()) : "")
                  + (run.secondsLeft() != null
                      ? " · about " + duration(run.secondsLeft()) + " left"
                      : "");
      case COMPLETED ->
          "Done: "
              + count(run.processed(), "photo", "photos")
              + ", "
              + count(run.faces(), "face", "faces")
              + ", "
              + run.failed()
              + " failed";
      case FAILED -> "Failed: " + run.failureReason();
      case STOPPED -> "Stopped after " + handled + " of " + run.total() + " files";
    };
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static String duration(long seconds) {
    if (seconds < 90) {
      return seconds + " s";
    }
    if (seconds < 5400) {
      return Math.round(seconds / 60.0) + " min";
    }
    return String.format("%.1f h", seconds / 3600.0);
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

  public ImportView getLatestImport() {
    return latestImport;
  }

  /**
   * Why a file failed, without its name or path in front (the table's first column names it):
   * "x.jpg: not a photo" reads "not a photo".
   */
  public String reasonOf(Imports.FailedFile failure) {
    String reason = failure.reason() == null ? "" : failure.reason().strip();
    for (String name : new String[] {failure.path(), failure.fileName()}) {
      if (name != null && !name.isBlank() && reason.startsWith(name)) {
        String rest = reason.substring(name.length()).replaceFirst("^[\\s:,.\\-–]+", "");
        if (!rest.isEmpty()) {
          reason = Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
        }
      }
    }
    return reason;
  }

  public List<Imports.FailedFile> getFailures() {
    return failures;
  }

  public LazyDataModel<PhotoPage.Item> getPhotoModel() {
    return photoModel;
  }

  public String getFolder() {
    return folder;
  }

  public void setFolder(String folder) {
    this.folder = folder;
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
