package app.glimpse.imports.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.drive.boundary.DriveFolderChosen;
import app.glimpse.events.boundary.EventPage;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.enterprise.event.Observes;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;

/**
 * The imports part of {@code /studio/event.xhtml}: the event's latest import with live progress,
 * the files that failed, and starting, stopping and restarting imports. Imports run in the batch
 * job and the queue; this bean only starts them and polls their counts, so it never waits for one.
 * It also says what Google's consent came to when Drive sends the photographer back here ({@code
 * ?drive=}). The event is the one {@link EventPage} shows; a Drive folder is chosen in the Drive
 * area's picker ({@link DriveFolderChosen}).
 */
@Named
@ViewScoped
public class EventImports implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB Imports imports;
  @Inject EventPage eventPage;
  @Inject transient Callers callers;

  private ImportView latestImport;
  private List<Imports.FailedFile> failures = List.of();
  private String folder;
  private String driveOutcome;

  /**
   * Called once the page has read its event ({@link EventPage#load}): the latest import, and what
   * Google's consent came to when the page is where it came back to.
   */
  public void load() {
    if (eventPage.getEvent() != null) {
      readImport();
      driveMessage(driveOutcome);
    }
  }

  /**
   * Called by the page's poll while an import runs: the import's progress and the event's photo
   * count (the event by its key and one indexed count), so the count grows with the import.
   */
  public void refresh() {
    readImport();
    eventPage.reload();
    if (FacesContext.getCurrentInstance().getPartialViewContext().isAjaxRequest()) {
      PrimeFaces.current().ajax().addCallbackParam("importFinished", isImportFinished());
    }
  }

  private void readImport() {
    latestImport = imports.latest(callers.current(), eventPage.getId()).orElse(null);
    failures =
        latestImport == null || latestImport.failed() == 0
            ? List.of()
            : imports.failures(callers.current(), latestImport.id());
  }

  public void startImport() {
    try {
      imports.importFolder(callers.current(), eventPage.getId(), folder);
      refresh();
    } catch (ClientError refused) {
      fail("imports:sources:folder", refused.getMessage());
    }
  }

  /**
   * Imports the Drive folder the photographer chose in the picker, then shows the import.
   *
   * @throws ClientError if the import is refused; the picker shows why
   */
  void importDrive(@Observes DriveFolderChosen chosen) {
    imports.importDrive(
        callers.current(), chosen.eventId(), chosen.folderId(), chosen.includeSubfolders());
    refresh();
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

  /** Where the page's upload script sends the photos dropped on it ({@link StudioUploads}). */
  public String getUploadLink() {
    return StudioUploads.link(
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath(),
        eventPage.getId());
  }

  /** Called when the page's upload script has started an import: shows it and polls it. */
  public void uploaded() {
    refresh();
  }

  public boolean isImportRestartable() {
    return latestImport != null
        && (latestImport.status() == ImportStatus.STOPPED
            || latestImport.status() == ImportStatus.FAILED);
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

  public String getFolder() {
    return folder;
  }

  public void setFolder(String folder) {
    this.folder = folder;
  }

  /** What Google's consent came to, said on the page it came back to. */
  private static void driveMessage(String outcome) {
    if (outcome == null || outcome.isBlank()) {
      return;
    }
    String text =
        switch (outcome) {
          case "connected" -> "Google Drive is connected: pick a folder to import.";
          case "drive_other_account" ->
              "That Drive consent was started by another Glimpse account, so nothing was connected."
                  + " Connect Drive again from here.";
          case "invalid_state" ->
              "That Drive consent expired or was used already. Connect Drive again.";
          default -> "Google did not grant access to Drive. Connect Drive again and allow it.";
        };
    FacesContext.getCurrentInstance()
        .addMessage(
            null,
            new FacesMessage(
                "connected".equals(outcome)
                    ? FacesMessage.SEVERITY_INFO
                    : FacesMessage.SEVERITY_WARN,
                text,
                null));
  }

  public String getDriveOutcome() {
    return driveOutcome;
  }

  public void setDriveOutcome(String driveOutcome) {
    this.driveOutcome = driveOutcome;
  }

  /** A message beside the field with client id {@code field}, or on top for none. */
  private static void fail(String field, String message) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(field, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    faces.validationFailed();
  }
}
