package app.glimpse.people.boundary;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The people of the studio's event page: the faces grouped into people, each with a portrait,
 * renamed inline, hidden from guests, merged; grouped again from scratch; and all face data of the
 * event deleted. The event is the one {@link EventPage} shows.
 */
@Named
@ViewScoped
public class PeoplePage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB People people;
  @Inject EventPage eventPage;
  @Inject transient Callers callers;

  private List<PersonView> list;
  private final Map<Long, Boolean> selected = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final Map<Long, Boolean> hidden = new HashMap<>();

  public List<PersonView> getList() {
    if (list == null) {
      list = people.list(callers.current(), eventPage.getId());
      selected.clear();
      names.clear();
      hidden.clear();
      for (PersonView person : list) {
        names.put(person.id(), person.name());
        hidden.put(person.id(), person.hidden());
      }
    }
    return list;
  }

  public void reload() {
    list = null;
  }

  /** The name typed into a person's field (empty: no name). */
  public void rename(long personId) {
    String name = names.get(personId);
    act(
        () ->
            people.update(
                callers.current(), eventPage.getId(), personId, name == null ? "" : name, null));
  }

  public void changeHidden(long personId) {
    act(
        () ->
            people.update(
                callers.current(),
                eventPage.getId(),
                personId,
                null,
                Boolean.TRUE.equals(hidden.get(personId))));
  }

  /** Merges the selected people into the first of them (the one in most photos). */
  public void mergeSelected() {
    List<Long> ordered =
        getList().stream()
            .map(PersonView::id)
            .filter(id -> Boolean.TRUE.equals(selected.get(id)))
            .toList();
    if (ordered.size() < 2) {
      message(FacesMessage.SEVERITY_WARN, "Select at least two people to merge.");
      return;
    }
    if (act(
        () ->
            people.merge(
                callers.current(),
                eventPage.getId(),
                ordered.get(0),
                ordered.subList(1, ordered.size())))) {
      message(FacesMessage.SEVERITY_INFO, "Merged " + ordered.size() + " people into one.");
    }
  }

  public void regroup() {
    if (act(() -> people.regroup(callers.current(), eventPage.getId()))) {
      message(FacesMessage.SEVERITY_INFO, "The faces were grouped again; your corrections stayed.");
    }
  }

  public void deleteFaceData() {
    if (act(() -> people.deleteFaceData(callers.current(), eventPage.getId()))) {
      eventPage.faceDataDeleted();
      message(
          FacesMessage.SEVERITY_INFO,
          "All face data of this event is deleted and face search is off. The photos stay.");
    }
  }

  public String portrait(PersonView person) {
    PersonView.Cover cover = person.cover();
    if (cover == null) {
      return "";
    }
    String thumb =
        PreviewImages.thumbnailLink(
            FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath(),
            eventPage.getId(),
            cover.photoId());
    return Portraits.css(
        thumb,
        cover.x(),
        cover.y(),
        cover.width(),
        cover.height(),
        cover.photoWidth(),
        cover.photoHeight());
  }

  public Map<Long, Boolean> getSelected() {
    return selected;
  }

  public Map<Long, String> getNames() {
    return names;
  }

  public Map<Long, Boolean> getHidden() {
    return hidden;
  }

  /** Runs a change and reloads the people; false, with the reason shown, if it was refused. */
  private boolean act(Runnable change) {
    try {
      change.run();
      return true;
    } catch (ClientError refused) {
      message(FacesMessage.SEVERITY_ERROR, refused.getMessage());
      FacesContext.getCurrentInstance().validationFailed();
      return false;
    } finally {
      reload();
    }
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }
}
