package app.glimpse.gallery.boundary;

import app.glimpse.access.boundary.ClientAddresses;
import app.glimpse.delivery.boundary.ImageVersions;
import app.glimpse.events.boundary.Events;
import app.glimpse.events.boundary.GuestPasses;
import app.glimpse.people.boundary.People;
import app.glimpse.people.boundary.PersonView;
import app.glimpse.people.boundary.Portraits;
import app.glimpse.photos.boundary.PhotoPage;
import app.glimpse.photos.boundary.PhotoSets;
import app.glimpse.photos.boundary.Photos;
import app.glimpse.photos.boundary.PreviewImages;
import app.glimpse.photos.boundary.SetView;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.platform.boundary.RequestLimits;
import app.glimpse.search.boundary.Search;
import app.glimpse.studios.boundary.StudioBrand;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
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
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code /g/{slug}}: a guest enters the event's code once per session, then browses its photos in
 * capture order, a page at a time as they scroll, and opens them in the lightbox.
 *
 * <p>The grid is rendered whole only with its first page; each further page is rendered alone into
 * a container of its own that the page's script empties into the grid, and is read from where the
 * last one ended (a {@link PhotoPage.Cursor}), so a page costs the same however far the guest has
 * scrolled. The view lives in the guest's session as long as the browser may post back to it, so it
 * keeps only where the guest is: the pass, the filter, the cursor and the counts. The photos, hours
 * and people a request renders are loaded for that request ({@link GalleryRequest}) and never kept.
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
  @EJB PhotoSets photoSets;
  @EJB app.glimpse.delivery.boundary.StudioLogos logos;
  @Inject GuestPasses passes;
  @Inject ClientAddresses clients;
  @Inject GuestFinds finds;
  @Inject GalleryRequest shown;
  @Inject ImageVersions versions;

  private String slug;
  private String code;
  private Events.GuestPass pass;

  /** Where the gallery stands for a guest without a pass: not found, open, expired, closed. */
  private Events.GalleryState state;

  /** The person whose photos are shown ("tap your face"), and their name if they have one. */
  private Long personId;

  private String personName;

  /** The hour whose photos are shown, by its start in epoch milliseconds. */
  private Long slot;

  /** The set whose photos are shown, and its name. */
  private Long setId;

  private String setName;

  /** The photo the gallery's header shows: the photographer's cover, else the first photo. */
  private Long coverPhotoId;

  private boolean coverKnown;

  /** How far down the cover its faces are, in percent: where the header's crop centres. */
  private int coverFocus = 50;

  private StudioBrand brand;

  /** The studio's logo (empty: none), read once per view. */
  private transient java.util.Optional<app.glimpse.delivery.boundary.StudioLogos.Logo> logo;

  /** Where the grid ends: the last photo it shows; null before the first page. */
  private PhotoPage.Cursor cursor;

  private int loaded;
  private long total;

  /** The last page came back short: there is nothing after it. */
  private boolean exhausted;

  /** An hour of the event in which photos were taken, for the time filter. */
  public record TimeSlot(String label, Instant from, Instant to, int photos)
      implements Serializable {

    /** The hour starting at {@code from} (in the server's zone), with its photos. */
    static TimeSlot of(Instant from, int photos) {
      Instant to = from.plus(1, ChronoUnit.HOURS);
      ZoneId zone = ZoneId.systemDefault();
      return new TimeSlot(
          HOUR.format(from.atZone(zone)) + "–" + HOUR_END.format(to.atZone(zone)),
          from,
          to,
          photos);
    }
  }

  public void load() {
    pass = slug == null ? null : passes.forSlug(slug).orElse(null);
    if (pass != null && cursor == null) {
      firstPage(); // forSlug has just checked the pass
    }
    if (pass == null) {
      state =
          slug == null
              ? new Events.GalleryState(Events.GalleryStatus.NOT_FOUND, null, null)
              : events.galleryState(slug);
      if (isNotFound()) {
        FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(404);
      }
    }
  }

  /** A link that leads to no gallery (mistyped): "not found", not the code form. */
  public boolean isNotFound() {
    return pass == null && state != null && state.status() == Events.GalleryStatus.NOT_FOUND;
  }

  /** The gallery is expired, closed, or not open yet: said so, no code form. */
  public boolean isShut() {
    return pass == null
        && state != null
        && state.status() != Events.GalleryStatus.NOT_FOUND
        && state.status() != Events.GalleryStatus.OPEN;
  }

  /** What a guest of a gallery that is not open is told. */
  public String getShutMessage() {
    if (state == null) {
      return "";
    }
    String studio = state.studio() == null ? "the photographer" : state.studio();
    return state.status() == Events.GalleryStatus.NOT_OPEN
        ? "This gallery is not open yet; ask " + studio + " for the link and the code."
        : "This gallery has closed; ask " + studio + " for a new link.";
  }

  /** Since when, for an expired or closed gallery: "Closed on 14 June 2031, 18:30". */
  public String getShutSince() {
    if (state == null || state.since() == null) {
      return "";
    }
    return (state.status() == Events.GalleryStatus.EXPIRED ? "Expired on " : "Closed on ")
        + new app.glimpse.platform.boundary.Dates().time(state.since());
  }

  /** The hours photos were taken, for the time filter (counted once a minute per node). */
  public List<TimeSlot> getSlots() {
    if (pass == null) {
      return List.of();
    }
    return shown.slots(
        () -> {
          Map<Instant, Integer> hours =
              photos.captureHours(pass.caller(), pass.eventId(), ZoneId.systemDefault());
          List<TimeSlot> found = new ArrayList<>();
          hours.forEach((hour, count) -> found.add(TimeSlot.of(hour, count)));
          return found;
        });
  }

  /** The people guests may tap, if the photographer shows them. */
  public List<PersonView> getPersons() {
    if (pass == null) {
      return List.of();
    }
    return shown.persons(
        () -> {
          Caller guest = pass.caller();
          return events.visibleEvent(guest, pass.eventId()).isPeopleVisible()
              ? people.list(guest, pass.eventId())
              : List.of();
        });
  }

  /** The sets guests browse by ("Ceremony", "Reception"), those with photos they may see. */
  public List<SetView> getSets() {
    if (pass == null) {
      return List.of();
    }
    return shown.sets(() -> photoSets.list(pass.caller(), pass.eventId()));
  }

  /** Shows the photos of one set. */
  public void chooseSet(long setId) {
    SetView set = getSets().stream().filter(s -> s.id() == setId).findFirst().orElse(null);
    this.setId = set == null ? null : set.id();
    setName = set == null ? null : set.name();
    personId = null;
    personName = null;
    slot = null;
    restart();
  }

  public Long getSetId() {
    return setId;
  }

  /**
   * The preview the gallery's header shows: the cover the photographer chose, if guests may see it,
   * else the event's first photo; null for an event without photos.
   */
  public String getCoverLink() {
    if (pass == null) {
      return null;
    }
    if (!coverKnown) {
      Caller guest = pass.caller();
      Long chosen = events.visibleEvent(guest, pass.eventId()).getCoverPhotoId();
      if (chosen != null && photos.shows(guest, pass.eventId(), chosen)) {
        coverPhotoId = chosen;
      } else {
        List<PhotoPage.Item> first = photos.page(guest, pass.eventId(), 0, 1).items();
        coverPhotoId = first.isEmpty() ? null : first.get(0).id();
      }
      coverFocus =
          coverPhotoId == null
              ? 50
              : (int) Math.round(100 * photos.faceHeight(guest, pass.eventId(), coverPhotoId));
      coverKnown = true;
    }
    return coverPhotoId == null
        ? null
        : PreviewImages.previewLink(
            FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath(),
            pass.eventId(),
            coverPhotoId);
  }

  /**
   * The studio's brand for the page: its name, and its accent colour as the CSS variables the
   * gallery's controls take; null for a link that leads to no gallery.
   */
  public StudioBrand getBrand() {
    if (brand == null) {
      if (pass != null) {
        brand = events.brandOf(pass.caller(), pass.eventId());
      } else if (slug != null) {
        brand = events.brandOfSlug(slug).orElse(null);
      }
    }
    return brand;
  }

  /** Where the studio's logo is served for this gallery, or null if the studio has none. */
  public String getLogoLink() {
    if (slug == null) {
      return null;
    }
    if (logo == null) {
      logo = logos.ofGallery(slug);
    }
    return logo.isEmpty()
        ? null
        : BrandLogos.link(
            FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath(),
            slug,
            logo.get());
  }

  /** The brand's accent as CSS custom properties, for the gallery's outermost element. */
  public String getBrandStyle() {
    StudioBrand shown = getBrand();
    return shown == null || shown.accentColor() == null
        ? null
        : "--accent: " + shown.accentColor() + "; --accent-hover: " + shown.accentColor() + ";";
  }

  /** The cover's crop, centred on its faces. */
  public String getCoverStyle() {
    getCoverLink();
    return "object-position: 50% " + coverFocus + "%";
  }

  /** "Tap your face": shows the photos of one person. */
  public void choosePerson(long personId) {
    PersonView person =
        getPersons().stream().filter(p -> p.id() == personId).findFirst().orElse(null);
    this.personId = person == null ? null : person.id();
    personName = person == null ? null : person.name();
    slot = null;
    setId = null;
    setName = null;
    restart();
  }

  /** Back from a person or an hour to all photos. */
  public void showAll() {
    personId = null;
    personName = null;
    slot = null;
    setId = null;
    setName = null;
    restart();
  }

  /** Called when the time filter changes. */
  public void chooseSlot() {
    personId = null;
    personName = null;
    setId = null;
    setName = null;
    restart();
  }

  private void restart() {
    if (stillAdmitted()) {
      firstPage();
    }
  }

  public String portrait(PersonView person) {
    PersonView.Cover cover = person.cover();
    if (cover == null) {
      return "";
    }
    return Portraits.css(
        PreviewImages.thumbnailLink(
                FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath(),
                pass.eventId(),
                cover.photoId())
            + versions.suffix(pass.eventId()),
        cover.x(),
        cover.y(),
        cover.width(),
        cover.height(),
        cover.photoWidth(),
        cover.photoHeight());
  }

  /** What the grid shows now. */
  public String getGridTitle() {
    if (personId != null) {
      return personName == null ? "Photos of this person" : "Photos of " + personName;
    }
    if (slot != null) {
      return "Photos taken " + TimeSlot.of(Instant.ofEpochMilli(slot), 0).label();
    }
    if (setId != null) {
      return setName;
    }
    return "All photos";
  }

  public boolean isFiltered() {
    return personId != null || slot != null || setId != null;
  }

  public void enter() {
    HttpServletRequest request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    try {
      pass =
          events.enterGallery(
              slug == null ? "" : slug, code == null ? "" : code, clients.of(request));
      // a session id someone else may have planted before the code was entered opens nothing
      if (request.getSession(false) != null) {
        request.changeSessionId();
      }
      passes.add(pass);
      RequestLimits.signedIn(request.getSession());
      firstPage();
    } catch (ClientError refused) {
      FacesContext faces = FacesContext.getCurrentInstance();
      // the gallery may have closed or expired since the form was shown: say so rather than "wrong
      // code"
      state = slug == null ? null : events.galleryState(slug);
      if (refused.status() == 429 || (!isShut() && !isNotFound())) {
        faces.addMessage(
            null,
            new FacesMessage(
                FacesMessage.SEVERITY_ERROR,
                refused.status() == 429
                    ? refused.getMessage()
                    : "This code does not open the gallery. Check it and try again.",
                null));
      }
      faces.validationFailed();
    } finally {
      code = null;
    }
  }

  /**
   * "More photos": the page after the last one the grid shows, which the script appends to the
   * grid. A pass that has expired meanwhile sends the guest back to the code form.
   */
  public void loadMore() {
    if (cursor == null) {
      restart();
      return;
    }
    if (!stillAdmitted() || exhausted) {
      return;
    }
    Caller guest = pass.caller();
    int size = pageSize();
    List<PhotoPage.Item> page;
    if (personId != null) {
      page = people.photosAfter(guest, pass.eventId(), personId, cursor, size);
    } else if (slot != null) {
      Instant from = Instant.ofEpochMilli(slot);
      page =
          photos.takenAfter(
              guest, pass.eventId(), from, from.plus(1, ChronoUnit.HOURS), cursor, size);
    } else {
      page = photos.after(guest, pass.eventId(), setId, cursor, size);
    }
    shown.nextPage(page);
    loaded += page.size();
    exhausted = page.size() < size;
    if (!page.isEmpty()) {
      cursor = PhotoPage.Cursor.after(page.get(page.size() - 1));
    }
  }

  /** The grid's first page for the filter chosen, with the number of photos it has in all. */
  private void firstPage() {
    Caller guest = pass.caller();
    int size = pageSize();
    PhotoPage page;
    if (personId != null) {
      page = people.photos(guest, pass.eventId(), personId, 0, size);
    } else if (slot != null) {
      Instant from = Instant.ofEpochMilli(slot);
      page = photos.taken(guest, pass.eventId(), from, from.plus(1, ChronoUnit.HOURS), 0, size);
    } else {
      page = photos.page(guest, pass.eventId(), setId, 0, size);
    }
    List<PhotoPage.Item> items = page.items();
    shown.firstPage(items);
    total = page.total();
    loaded = items.size();
    exhausted = items.size() < size;
    // an empty first page still starts the grid: "More" then finds nothing after nothing
    cursor =
        items.isEmpty()
            ? new PhotoPage.Cursor(null, Long.MAX_VALUE)
            : PhotoPage.Cursor.after(items.get(items.size() - 1));
  }

  /** Whether the guest's pass still opens the event; if not, back to the code form. */
  private boolean stillAdmitted() {
    if (pass == null || !passes.admitted(pass)) {
      pass = null;
      backToCodeForm();
      return false;
    }
    return true;
  }

  /**
   * Photos per page of the grid (GLIMPSE_GALLERY_PAGE_SIZE), read when used: an injected config
   * property would be a dependency that a view-scoped (passivating) bean may not hold.
   */
  private static int pageSize() {
    int size =
        ConfigProvider.getConfig()
            .getOptionalValue("glimpse.gallery.page-size", Integer.class)
            .orElse(48);
    return Math.max(1, Math.min(size, Photos.MAX_PAGE_SIZE));
  }

  /** The same gallery link again, which shows the code form, with a word on why. */
  private void backToCodeForm() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!faces.getPartialViewContext().isAjaxRequest()) {
      return;
    }
    ExternalContext external = faces.getExternalContext();
    Events.GalleryState now = events.galleryState(slug);
    if (now.status() == Events.GalleryStatus.OPEN) {
      // open still, with a new code: the closed page would say why otherwise
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_WARN,
              "The code of this gallery has changed: enter the new one.",
              null));
      external.getFlash().setKeepMessages(true);
    }
    try {
      external.redirect(external.getRequestContextPath() + "/g/" + slug);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    faces.responseComplete();
  }

  String alt(PhotoPage.Item item, int index) {
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

  /**
   * Whether "Your photos" offers "Add another photo of me": the search found photos and can take
   * another selfie ({@link GuestFinds#canAdd}).
   */
  public boolean isCanAddSelfie() {
    return pass != null && finds.canAdd(pass.eventId());
  }

  public int getMaxSelfies() {
    return Search.MAX_SELFIES;
  }

  /** Back to the whole event: forgets the search, and the faces of its selfies. */
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
    return !exhausted && loaded < total;
  }

  public Events.GuestPass getPass() {
    return pass;
  }

  /** Where the page's script sends a selfie ({@link SelfieSearches}). */
  public String getFindLink() {
    return SelfieSearches.link(
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath(),
        pass.eventId());
  }

  /** The ZIP of the photos found ({@link Downloads}). */
  public String getZipLink() {
    return Downloads.zipLink(
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath(),
        pass.eventId());
  }

  /**
   * The grid's first page, all that a whole render of the grid shows; every request that renders
   * the grid whole has loaded it (the gallery's GET, entering the code, a filter). Other requests
   * see none: Faces also reads this when it only walks the tree, as "More photos" does.
   */
  public List<PhotoPage.Item> getItems() {
    return shown.items() == null ? List.of() : shown.items();
  }

  /** The page "More photos" loaded in this request, for the script to append to the grid. */
  public List<PhotoPage.Item> getAppended() {
    return shown.appended();
  }

  /** The position in the grid of the first appended photo. */
  public int getAppendedFrom() {
    return loaded - shown.appended().size();
  }

  /** {@link #getItems()} as the grid renders them. */
  public List<GalleryTile> getTiles() {
    return shown.tiles(() -> tiles(getItems(), 0));
  }

  /** {@link #getAppended()} as the grid renders them. */
  public List<GalleryTile> getAppendedTiles() {
    return shown.appendedTiles(() -> tiles(getAppended(), getAppendedFrom()));
  }

  private List<GalleryTile> tiles(List<PhotoPage.Item> items, int from) {
    if (items.isEmpty()) {
      return List.of();
    }
    String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
    long event = pass.eventId();
    String version = versions.suffix(event);
    List<GalleryTile> tiles = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      PhotoPage.Item item = items.get(i);
      tiles.add(
          new GalleryTile(
              from + i,
              item.id(),
              PreviewImages.thumbnailLink(context, event, item.id()) + version,
              PreviewImages.previewLink(context, event, item.id()) + version,
              Downloads.originalLink(context, event, item.id()),
              alt(item, from + i)));
    }
    return tiles;
  }

  public long getTotal() {
    return total;
  }

  public Long getPersonId() {
    return personId;
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
