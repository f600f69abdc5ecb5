package app.glimpse.gallery.boundary;

import app.glimpse.access.boundary.Caller;
import app.glimpse.events.boundary.Events;
import app.glimpse.people.boundary.People;
import app.glimpse.people.boundary.PersonView;
import app.glimpse.photos.boundary.PhotoPage;
import app.glimpse.photos.boundary.Photos;
import app.glimpse.platform.ClientError;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code /g/{slug}}: a guest enters the event's code once per session, then browses its photos in
 * capture order, a page at a time as they scroll, and opens them in the lightbox.
 *
 * <p>The grid is rendered whole only with its first page; each further page is rendered alone into
 * a container of its own that the page's script empties into the grid, so a page costs the same
 * however far the guest has scrolled, and the view keeps one page, not all the photos seen.
 */
@Named
@ViewScoped
public class GalleryPage implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm");
  private static final DateTimeFormatter HOUR_END = DateTimeFormatter.ofPattern("HH:mm");

  @EJB Events events;
  @EJB Photos photos;
  @EJB People people;
  @Inject GuestPasses passes;
  @Inject GuestFinds finds;

  private String slug;
  private String code;
  private Events.GuestPass pass;
  private List<PhotoPage.Item> items = List.of();
  private List<PhotoPage.Item> appended = List.of();
  private int loaded;
  private long total;
  private int pagesLoaded;
  private List<PersonView> persons = List.of();
  private PersonView person;
  private List<TimeSlot> slots = List.of();
  private Long slot;

  /** An hour of the event in which photos were taken, for the time filter. */
  public record TimeSlot(String label, Instant from, Instant to, int photos)
      implements Serializable {}

  public void load() {
    pass = slug == null ? null : passes.forSlug(slug).orElse(null);
    if (pass != null && pagesLoaded == 0) {
      loadMore();
      loadFilters();
    }
  }

  /**
   * The people guests may browse (if the photographer allows it) and the hours photos were taken.
   */
  private void loadFilters() {
    if (pass == null) {
      return;
    }
    Caller guest = pass.caller();
    persons =
        events.visibleEvent(guest, pass.eventId()).isPeopleVisible()
            ? people.list(guest, pass.eventId())
            : List.of();
    Map<Instant, Integer> hours =
        photos.captureHours(guest, pass.eventId(), ZoneId.systemDefault());
    List<TimeSlot> found = new ArrayList<>();
    hours.forEach(
        (hour, count) ->
            found.add(
                new TimeSlot(
                    HOUR.format(hour.atZone(ZoneId.systemDefault()))
                        + "–"
                        + HOUR_END.format(
                            hour.plus(1, ChronoUnit.HOURS).atZone(ZoneId.systemDefault())),
                    hour,
                    hour.plus(1, ChronoUnit.HOURS),
                    count)));
    slots = found;
  }

  /** "Tap your face": shows the photos of one person. */
  public void choosePerson(long personId) {
    person = persons.stream().filter(p -> p.id() == personId).findFirst().orElse(null);
    slot = null;
    restart();
  }

  /** Back from a person or an hour to all photos. */
  public void showAll() {
    person = null;
    slot = null;
    restart();
  }

  /** Called when the time filter changes. */
  public void chooseSlot() {
    person = null;
    restart();
  }

  private void restart() {
    pagesLoaded = 0;
    loadMore();
  }

  public String portrait(PersonView shown) {
    PersonView.Cover cover = shown.cover();
    if (cover == null) {
      return "";
    }
    return FaceFrame.portrait(
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
            + "/media/"
            + pass.eventId()
            + "/"
            + cover.photoId()
            + "/thumb",
        cover.x(),
        cover.y(),
        cover.width(),
        cover.height(),
        cover.photoWidth(),
        cover.photoHeight());
  }

  /** What the grid shows now. */
  public String getGridTitle() {
    if (person != null) {
      return person.name() == null ? "Photos of this person" : "Photos of " + person.name();
    }
    if (chosenSlot().isPresent()) {
      return "Photos taken " + chosenSlot().get().label();
    }
    return "All photos";
  }

  private Optional<TimeSlot> chosenSlot() {
    return slot == null
        ? Optional.empty()
        : slots.stream().filter(s -> s.from().toEpochMilli() == slot).findFirst();
  }

  public boolean isFiltered() {
    return person != null || slot != null;
  }

  public void enter() {
    try {
      pass = events.enterGallery(slug == null ? "" : slug, code == null ? "" : code);
      passes.add(pass);
      pagesLoaded = 0;
      loadMore();
      loadFilters();
    } catch (ClientError refused) {
      FacesContext faces = FacesContext.getCurrentInstance();
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              "This code does not open the gallery. Check it and try again.",
              null));
      faces.validationFailed();
    } finally {
      code = null;
    }
  }

  /**
   * The next page of photos: the grid's first page after a start or a new filter, else the page the
   * script appends to the grid. A pass that has expired meanwhile sends the guest back to the code
   * form.
   */
  public void loadMore() {
    if (pass == null || !passes.admitted(pass)) {
      pass = null;
      backToCodeForm();
      return;
    }
    Caller guest = pass.caller();
    int size = Math.max(1, Math.min(pageSize(), Photos.MAX_PAGE_SIZE));
    PhotoPage page;
    if (person != null) {
      page = people.photos(guest, pass.eventId(), person.id(), pagesLoaded, size);
    } else if (chosenSlot().isPresent()) {
      TimeSlot hour = chosenSlot().get();
      page = photos.taken(guest, pass.eventId(), hour.from(), hour.to(), pagesLoaded, size);
    } else {
      page = photos.page(guest, pass.eventId(), pagesLoaded, size);
    }
    total = page.total();
    if (pagesLoaded == 0) {
      items = page.items();
      appended = List.of();
      loaded = items.size();
    } else {
      appended = page.items();
      loaded += appended.size();
    }
    pagesLoaded++;
  }

  /**
   * Photos per page of the grid (GLIMPSE_GALLERY_PAGE_SIZE), read when used: an injected config
   * property would be a dependency that a view-scoped (passivating) bean may not hold.
   */
  private static int pageSize() {
    return ConfigProvider.getConfig()
        .getOptionalValue("glimpse.gallery.page-size", Integer.class)
        .orElse(48);
  }

  /** The same gallery link again, which shows the code form, with a word on why. */
  private void backToCodeForm() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!faces.getPartialViewContext().isAjaxRequest()) {
      return;
    }
    ExternalContext external = faces.getExternalContext();
    faces.addMessage(
        null,
        new FacesMessage(
            FacesMessage.SEVERITY_WARN,
            "Your access to this gallery has ended. Enter the code again if it is still open.",
            null));
    external.getFlash().setKeepMessages(true);
    try {
      external.redirect(external.getRequestContextPath() + "/g/" + slug);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    faces.responseComplete();
  }

  public String alt(PhotoPage.Item item, int index) {
    String when =
        item.takenAt() == null
            ? ""
            : ", taken " + TIME.format(item.takenAt().atZone(ZoneId.systemDefault()));
    String people =
        item.faces() == 0 ? "" : item.faces() == 1 ? ", 1 person" : ", " + item.faces() + " people";
    return "Photo " + (index + 1) + " of " + total + when + people;
  }

  /** What the guest's selfie search found in this event, this session; null before a search. */
  public GuestFinds.Found getFound() {
    return pass == null ? null : finds.in(pass.eventId()).orElse(null);
  }

  /** Called by the page's script once a selfie search has answered: re-renders "Your photos". */
  public void showFound() {
    // the search servlet has kept the result in GuestFinds; the update re-reads it
  }

  /** "Not me": drops a wrong match from "Your photos" (this session only). */
  public void notMe(long photoId) {
    if (pass != null) {
      finds.notMe(pass.eventId(), photoId);
    }
  }

  /** Back to the whole event: forgets the search. */
  public void forgetFound() {
    if (pass != null) {
      finds.forget(pass.eventId());
    }
  }

  public String foundAlt(GuestFinds.FoundPhoto photo, int index, int count) {
    return "Your photo " + (index + 1) + " of " + count + ", " + photo.fileName();
  }

  public boolean isEntered() {
    return pass != null;
  }

  public boolean isMore() {
    return loaded < total;
  }

  public Events.GuestPass getPass() {
    return pass;
  }

  /** The grid's first page, all that a whole render of the grid shows. */
  public List<PhotoPage.Item> getItems() {
    return items;
  }

  /** The page "More photos" loaded last, for the script to append to the grid. */
  public List<PhotoPage.Item> getAppended() {
    return appended;
  }

  /** The position in the grid of the first appended photo. */
  public int getAppendedFrom() {
    return loaded - appended.size();
  }

  public long getTotal() {
    return total;
  }

  public List<PersonView> getPersons() {
    return persons;
  }

  public PersonView getPerson() {
    return person;
  }

  public List<TimeSlot> getSlots() {
    return slots;
  }

  public Long getSlot() {
    return slot;
  }

  public void setSlot(Long slot) {
    this.slot = slot;
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }
}
