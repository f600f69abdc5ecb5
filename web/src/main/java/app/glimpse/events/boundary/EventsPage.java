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
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code /studio/events.xhtml}: the studio's events with cover photo, counts and status; create,
 * edit and delete them.
 */
@Named
@ViewScoped
public class EventsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB Events events;
  @Inject transient Callers callers;

  private List<EventSummary> summaries = List.of();
  private Long editing;
  private String name;
  private LocalDate date;

  public void load() {
    summaries = events.summaries(callers.current());
  }

  public void startCreate() {
    editing = null;
    name = null;
    date = LocalDate.now();
  }

  public void startEdit(EventView event) {
    editing = event.id();
    name = event.name();
    date = event.date();
  }

  public void save() {
    try {
      if (editing == null) {
        events.create(callers.current(), name, date);
      } else {
        events.update(callers.current(), editing, name, date);
      }
      load();
    } catch (ClientError refused) {
      FacesContext faces = FacesContext.getCurrentInstance();
      faces.addMessage(
          "eventForm:name",
          new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
      faces.validationFailed();
    }
  }

  public void delete(long id) {
    try {
      events.delete(callers.current(), id);
      load();
      FacesContext.getCurrentInstance()
          .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Event deleted.", null));
    } catch (ClientError refused) {
      fail(refused.getMessage());
    }
  }

  /** A short word for the list: what the event's latest import is doing. */
  public String status(EventSummary summary) {
    if (summary.latestImport() == null) {
      return "No photos yet";
    }
    return switch (summary.latestImport()) {
      case "COMPLETED" -> summary.event().guestAccess() ? "Open to guests" : "Ready";
      case "FAILED" -> "Import failed";
      case "STOPPED" -> "Import stopped";
      default -> "Importing"; // QUEUED, RUNNING
    };
  }

  /** Whether guests can come in, for the event's card: "Open", "Expired 14 June 2031", ... */
  public String accessState(EventView event) {
    Dates dates = new Dates();
    if (event.guestAccess()) {
      if (event.accessExpiresAt() == null) {
        return "Gallery open";
      }
      return event.accessExpiresAt().isAfter(Instant.now())
          ? "Gallery open until " + dates.time(event.accessExpiresAt())
          : "Gallery expired " + dates.time(event.accessExpiresAt());
    }
    return event.accessClosedAt() == null
        ? "Gallery not open"
        : "Gallery closed " + dates.time(event.accessClosedAt());
  }

  private static void fail(String message) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    faces.validationFailed();
  }

  public List<EventSummary> getSummaries() {
    return summaries;
  }

  public boolean isCreating() {
    return editing == null;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public LocalDate getDate() {
    return date;
  }

  public void setDate(LocalDate date) {
    this.date = date;
  }
}
