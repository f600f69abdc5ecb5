package app.glimpse.photos.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.events.boundary.EventPage;
import app.glimpse.events.boundary.Events;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.primefaces.model.LazyDataModel;

/**
 * The photo grid of {@code /studio/event.xhtml}, page by page, and the photographer's curating of
 * it: photos selected on the grid (studio.js keeps the selection, shift-click picks a range) are
 * hidden from guests, shown, deleted, made the cover or put into a set; the sets themselves are
 * made, renamed, ordered and deleted here. The event is {@link EventPage}'s.
 */
@Named
@ViewScoped
public class EventPhotos implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB Photos photos;
  @EJB Curation curation;
  @EJB PhotoSets photoSets;
  @EJB Events events;
  @Inject EventPage eventPage;
  @Inject transient Callers callers;

  private LazyDataModel<PhotoPage.Item> model;

  /** The set the grid shows; null for all photos. */
  private Long setId;

  /** The photos selected on the grid, as studio.js writes them: ids parted by commas. */
  private String selection = "";

  /** The set the selection goes into; null to make a new one named {@link #newSetName}. */
  private Long targetSetId;

  private String newSetName;
  private List<SetView> sets;

  /** The sets' names as the page edits them, by set. */
  private final java.util.Map<Long, String> names = new java.util.HashMap<>();

  public LazyDataModel<PhotoPage.Item> getModel() {
    if (model == null) {
      model = new PhotoPages(photos, callers.current(), eventPage.getId(), setId);
    }
    return model;
  }

  public List<SetView> getSets() {
    if (sets == null) {
      sets = photoSets.list(callers.current(), eventPage.getId());
      names.clear();
      sets.forEach(set -> names.put(set.id(), set.name()));
    }
    return sets;
  }

  /** Whether the photo is the event's cover. */
  public boolean isCover(PhotoPage.Item photo) {
    Long cover = eventPage.getEvent().coverPhotoId();
    return cover != null && cover == photo.id();
  }

  /** The grid shows another set (or all photos). */
  public void changeSet() {
    model = null;
  }

  public void hideSelected() {
    hide(true);
  }

  public void showSelected() {
    hide(false);
  }

  private void hide(boolean hidden) {
    List<Long> ids = selected();
    if (ids.isEmpty()) {
      return;
    }
    act(
        () -> {
          int changed = curation.hide(callers.current(), eventPage.getId(), ids, hidden);
          return (hidden ? "Hid " : "Showed ")
              + photos(changed)
              + (hidden ? " from guests." : " to guests again.");
        });
  }

  public void deleteSelected() {
    List<Long> ids = selected();
    if (ids.isEmpty()) {
      return;
    }
    act(
        () -> {
          int deleted = curation.delete(callers.current(), eventPage.getId(), ids);
          eventPage.reload();
          return "Deleted " + photos(deleted) + ".";
        });
  }

  /** Makes the one selected photo the event's cover. */
  public void coverSelected() {
    List<Long> ids = selected();
    if (ids.size() != 1) {
      message(FacesMessage.SEVERITY_WARN, "Select one photo to make it the cover.");
      return;
    }
    act(
        () -> {
          events.patch(callers.current(), eventPage.getId(), null, false, null, true, ids.get(0));
          eventPage.reload();
          return "The cover of the gallery and of the event's card is the photo you chose.";
        });
  }

  /** Puts the selected photos into the chosen set, or into a new one. */
  public void addSelectedToSet() {
    List<Long> ids = selected();
    if (ids.isEmpty()) {
      return;
    }
    act(
        () -> {
          SetView set;
          if (targetSetId == null) {
            set = photoSets.create(callers.current(), eventPage.getId(), newSetName, ids);
            newSetName = null;
            targetSetId = set.id();
          } else {
            set =
                photoSets.update(
                    callers.current(), eventPage.getId(), targetSetId, null, null, null, ids, null);
          }
          return "“" + set.name() + "” has " + photos(set.photos()) + ".";
        });
  }

  /** Takes the selected photos out of the set the grid shows. */
  public void removeSelectedFromSet() {
    List<Long> ids = selected();
    if (ids.isEmpty() || setId == null) {
      return;
    }
    act(
        () -> {
          SetView set =
              photoSets.update(
                  callers.current(), eventPage.getId(), setId, null, null, null, null, ids);
          return "“" + set.name() + "” has " + photos(set.photos()) + ".";
        });
  }

  /** Renames a set to what its field says now. */
  public void renameSet(long id) {
    String name = names.get(id);
    act(
        () -> {
          photoSets.update(
              callers.current(),
              eventPage.getId(),
              id,
              name == null ? "" : name,
              null,
              null,
              null,
              null);
          return null;
        });
  }

  public java.util.Map<Long, String> getNames() {
    getSets();
    return names;
  }

  /** Moves a set one place up ({@code by} -1) or down (+1) in the order guests see. */
  public void moveSet(long id, int by) {
    List<SetView> order = getSets();
    int at = -1;
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).id() == id) {
        at = i;
      }
    }
    if (at < 0) {
      return;
    }
    int to = Math.max(0, Math.min(order.size() - 1, at + by));
    act(
        () -> {
          photoSets.update(callers.current(), eventPage.getId(), id, null, to, null, null, null);
          return null;
        });
  }

  public void deleteSet(long id) {
    act(
        () -> {
          photoSets.delete(callers.current(), eventPage.getId(), id);
          if (Long.valueOf(id).equals(setId)) {
            setId = null;
          }
          if (Long.valueOf(id).equals(targetSetId)) {
            targetSetId = null;
          }
          return "The set was deleted; its photos stay in the event.";
        });
  }

  private void act(java.util.function.Supplier<String> change) {
    try {
      String done = change.get();
      selection = "";
      if (done != null) {
        message(FacesMessage.SEVERITY_INFO, done);
      }
    } catch (ClientError refused) {
      message(FacesMessage.SEVERITY_ERROR, refused.getMessage());
    }
    model = null;
    sets = null;
  }

  /** The selected ids; what is not a number is left out. */
  List<Long> selected() {
    Set<Long> ids = new LinkedHashSet<>();
    for (String part : (selection == null ? "" : selection).split(",")) {
      try {
        if (!part.isBlank()) {
          ids.add(Long.parseLong(part.strip()));
        }
      } catch (NumberFormatException notAnId) {
        // a tampered selection selects nothing more
      }
    }
    if (ids.isEmpty()) {
      message(FacesMessage.SEVERITY_WARN, "Select photos first: tap them on the grid.");
    }
    return new ArrayList<>(ids).subList(0, Math.min(ids.size(), Curation.MAX_PHOTOS));
  }

  private static String photos(long count) {
    return count + (count == 1 ? " photo" : " photos");
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  public Long getSetId() {
    return setId;
  }

  public void setSetId(Long setId) {
    this.setId = setId;
  }

  public String getSelection() {
    return selection;
  }

  public void setSelection(String selection) {
    this.selection = selection;
  }

  public Long getTargetSetId() {
    return targetSetId;
  }

  public void setTargetSetId(Long targetSetId) {
    this.targetSetId = targetSetId;
  }

  public String getNewSetName() {
    return newSetName;
  }

  public void setNewSetName(String newSetName) {
    this.newSetName = newSetName;
  }
}
