package app.glimpse.favourites.boundary;

import app.glimpse.events.boundary.Events;
import app.glimpse.events.boundary.GuestIdentity;
import app.glimpse.events.boundary.GuestNamed;
import app.glimpse.favourites.control.CsvCells;
import app.glimpse.favourites.entity.Favourite;
import app.glimpse.favourites.entity.FavouriteGuest;
import app.glimpse.favourites.entity.GuestKey;
import app.glimpse.favourites.entity.Proofing;
import app.glimpse.photos.entity.Photo;
import app.glimpse.photos.entity.PhotoStatus;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Proofing: guests heart an event's photos and submit their list; the studio sets a selection
 * limit, sees every list and each photo's hearts, marks the client whose list counts, and exports
 * the lists (CSV, or the file names for Lightroom's or Capture One's filename filter).
 *
 * <p>A guest is known by the subject of their token or gallery pass, which stays the same for the
 * session; the name they give maps it to a {@link FavouriteGuest}. The same name and e-mail given
 * in another session (another device, the next day) map to the same guest and list, as Pixieset's
 * e-mail-only favourites do: whoever knows both and the gallery code could change an unsubmitted
 * list, which for a gallery shared among its guests is the accepted trade for needing no password.
 * A name without an e-mail is a guest of its own each time (two guests may share a first name).
 */
@Stateless
public class Favourites {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  @PersistenceContext EntityManager em;

  @EJB Events events;

  /** The guest who entered through the API with a name: their session is now that guest's. */
  public void named(@Observes GuestNamed named) {
    keyFor(named.eventId(), named.guest(), named.identity());
  }

  /**
   * The gallery's "your name" dialog: {@code guest} gives their name and maybe an e-mail. A session
   * that has a name already keeps it.
   */
  public GuestList introduce(@NotNull Caller guest, long eventId, String name, String email) {
    requireGuest(guest, eventId);
    GuestIdentity identity = GuestIdentity.of(name, email);
    keyFor(eventId, guest.subject(), identity);
    return own(guest, eventId);
  }

  private FavouriteGuest keyFor(long eventId, String subject, GuestIdentity identity) {
    GuestKey known = em.find(GuestKey.class, subject);
    if (known != null) {
      return known.getGuest();
    }
    FavouriteGuest guest = null;
    if (identity.email() != null) {
      guest =
          em.createNamedQuery(FavouriteGuest.FIND_BY_IDENTITY, FavouriteGuest.class)
              .setParameter("eventId", eventId)
              .setParameter("name", identity.nameKey())
              .setParameter("email", identity.emailKey())
              .getResultStream()
              .findFirst()
              .orElse(null);
    }
    if (guest == null) {
      guest = new FavouriteGuest(eventId, identity.name(), identity.email());
      em.persist(guest);
    }
    em.persist(new GuestKey(subject, guest));
    em.flush();
    return guest;
  }

  /** Hearts a photo of the event for {@code guest}; hearting it again changes nothing. */
  public GuestList heart(@NotNull Caller guest, long eventId, long photoId) {
    FavouriteGuest named = lockedGuest(guest, eventId);
    Photo photo = em.find(Photo.class, photoId);
    if (photo == null
        || photo.getStatus() != PhotoStatus.INDEXED
        || photo.isHidden()
        || !Objects.equals(photo.getEvent().getId(), eventId)) {
      throw ClientError.notFound("photo");
    }
    if (find(named, photoId) == null) {
      Integer limit = limit(eventId);
      long count =
          em.createNamedQuery(Favourite.COUNT_BY_GUEST, Long.class)
              .setParameter("guest", named)
              .getSingleResult();
      if (limit != null && count >= limit) {
        throw ClientError.conflict(
            "selection_limit",
            "You have picked "
                + count
                + " of "
                + limit
                + " photos, the most the photographer asked for: remove one to add another.");
      }
      em.persist(new Favourite(named, photo));
    }
    return own(guest, eventId);
  }

  /** Takes the heart off a photo; a photo without one changes nothing. */
  public GuestList unheart(@NotNull Caller guest, long eventId, long photoId) {
    FavouriteGuest named = lockedGuest(guest, eventId);
    Favourite favourite = find(named, photoId);
    if (favourite != null) {
      em.remove(favourite);
    }
    return own(guest, eventId);
  }

  /** Locks the guest's list; submitting again changes nothing. An empty list is not submitted. */
  public GuestList submit(@NotNull Caller guest, long eventId) {
    requireGuest(guest, eventId);
    FavouriteGuest named = guestOf(guest, eventId);
    if (named == null) {
      throw nameRequired();
    }
    em.refresh(named, LockModeType.PESSIMISTIC_WRITE);
    if (!named.isSubmitted() && photoIds(named).isEmpty()) {
      throw ClientError.conflict(
          "nothing_to_submit", "Heart the photos you like first, then submit your list.");
    }
    named.submit();
    return own(guest, eventId);
  }

  /** The guest's own list (empty and open for a guest who has given no name yet). */
  public GuestList own(@NotNull Caller guest, long eventId) {
    requireGuest(guest, eventId);
    FavouriteGuest named = guestOf(guest, eventId);
    Integer limit = limit(eventId);
    if (named == null) {
      return GuestList.unnamed(limit);
    }
    return new GuestList(
        photoIds(named).stream().filter(id -> !hidden(id)).toList(),
        named.isSubmitted(),
        named.getSubmittedAt(),
        limit,
        named.getName(),
        named.getEmail());
  }

  /** The event's proofing settings, for its staff and its guests. */
  public ProofingView proofing(@NotNull Caller caller, long eventId) {
    events.visibleEvent(caller, eventId);
    return new ProofingView(limit(eventId));
  }

  /** Sets the most photos a guest may heart (null: no limit); lists already longer stay. */
  public ProofingView limitSelection(@NotNull Caller staff, long eventId, Integer limit) {
    events.staffEvent(staff, eventId);
    Proofing proofing = em.find(Proofing.class, eventId);
    if (proofing == null) {
      proofing = new Proofing(eventId);
      em.persist(proofing);
    }
    try {
      proofing.limitSelection(limit);
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest(
          "invalid_selection_limit", e.getMessage() + ", or null for none.");
    }
    return new ProofingView(proofing.getSelectionLimit());
  }

  /** Marks a guest as the client whose list counts, or not. */
  public FavouritesOverview.GuestFavourites markClient(
      @NotNull Caller staff, long eventId, long guestId, boolean client) {
    events.staffEvent(staff, eventId);
    FavouriteGuest guest = em.find(FavouriteGuest.class, guestId);
    if (guest == null || guest.getEventId() != eventId) {
      throw ClientError.notFound("guest");
    }
    guest.markClient(client);
    return new FavouritesOverview.GuestFavourites(
        guest.getId(),
        guest.getName(),
        guest.getEmail(),
        guest.isClient(),
        guest.isSubmitted(),
        guest.getSubmittedAt(),
        photoIds(guest));
  }

  /** Every named guest's list and each hearted photo's count, for the event's staff. */
  public FavouritesOverview overview(@NotNull Caller staff, long eventId) {
    events.staffEvent(staff, eventId);
    List<Favourite> hearts = hearts(eventId);
    Map<Long, List<Long>> lists = new LinkedHashMap<>();
    Map<Long, FavouritesOverview.PhotoHearts> photos = new LinkedHashMap<>();
    for (Favourite heart : hearts) {
      long photoId = heart.getPhoto().getId();
      lists.computeIfAbsent(heart.getGuest().getId(), g -> new ArrayList<>()).add(photoId);
      FavouritesOverview.PhotoHearts before = photos.get(photoId);
      photos.put(
          photoId,
          new FavouritesOverview.PhotoHearts(
              photoId,
              heart.getPhoto().getFileName(),
              before == null ? 1 : before.hearts() + 1,
              (before != null && before.client()) || heart.getGuest().isClient()));
    }
    List<FavouritesOverview.GuestFavourites> guests = new ArrayList<>();
    for (FavouriteGuest guest :
        em.createNamedQuery(FavouriteGuest.FIND_BY_EVENT, FavouriteGuest.class)
            .setParameter("eventId", eventId)
            .getResultList()) {
      guests.add(
          new FavouritesOverview.GuestFavourites(
              guest.getId(),
              guest.getName(),
              guest.getEmail(),
              guest.isClient(),
              guest.isSubmitted(),
              guest.getSubmittedAt(),
              lists.getOrDefault(guest.getId(), List.of())));
    }
    List<FavouritesOverview.PhotoHearts> counted = new ArrayList<>(photos.values());
    // most hearted first; among equals, as the lists name them (the client's first)
    counted.sort(Comparator.comparingInt(FavouritesOverview.PhotoHearts::hearts).reversed());
    return new FavouritesOverview(limit(eventId), guests, counted);
  }

  /**
   * The CSV export: a line per heart (guest, e-mail, client, submitted, file name, photo id, time
   * of the heart), the client's first, each guest's in capture order.
   */
  public String csv(@NotNull Caller staff, long eventId) {
    events.staffEvent(staff, eventId);
    StringBuilder csv =
        new StringBuilder(
            CsvCells.line(
                List.of("guest", "email", "client", "submitted", "file name", "photo id", "time")));
    for (Favourite heart : hearts(eventId)) {
      FavouriteGuest guest = heart.getGuest();
      csv.append(
          CsvCells.line(
              List.of(
                  guest.getName(),
                  Objects.requireNonNullElse(guest.getEmail(), ""),
                  guest.isClient() ? "yes" : "no",
                  guest.isSubmitted() ? TIME.format(guest.getSubmittedAt()) : "",
                  heart.getPhoto().getFileName(),
                  Long.toString(heart.getPhoto().getId()),
                  TIME.format(heart.getCreatedAt()))));
    }
    return csv.toString();
  }

  /**
   * The original file names for a filename filter, one a line, each once, in capture order: of
   * guest {@code guestId} if given; else of the clients' lists if the photographer marked any
   * client; else of every hearted photo.
   */
  public String fileNames(@NotNull Caller staff, long eventId, Long guestId) {
    events.staffEvent(staff, eventId);
    List<Favourite> hearts = hearts(eventId);
    boolean anyClient = hearts.stream().anyMatch(heart -> heart.getGuest().isClient());
    if (guestId != null
        && hearts.stream().noneMatch(heart -> heart.getGuest().getId().equals(guestId))) {
      FavouriteGuest guest = em.find(FavouriteGuest.class, guestId);
      if (guest == null || guest.getEventId() != eventId) {
        throw ClientError.notFound("guest");
      }
    }
    List<Favourite> chosen = new ArrayList<>();
    for (Favourite heart : hearts) {
      FavouriteGuest guest = heart.getGuest();
      if (guestId != null ? guest.getId().equals(guestId) : !anyClient || guest.isClient()) {
        chosen.add(heart);
      }
    }
    chosen.sort(
        Comparator.comparing(
                (Favourite heart) -> heart.getPhoto().getTakenAt(),
                Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(heart -> heart.getPhoto().getId()));
    Set<String> names = new LinkedHashSet<>();
    chosen.forEach(heart -> names.add(heart.getPhoto().getFileName()));
    StringBuilder text = new StringBuilder();
    names.forEach(name -> text.append(name).append('\n'));
    return text.toString();
  }

  private List<Favourite> hearts(long eventId) {
    return em.createNamedQuery(Favourite.FIND_BY_EVENT, Favourite.class)
        .setParameter("eventId", eventId)
        .getResultList();
  }

  private List<Long> photoIds(FavouriteGuest guest) {
    return em.createNamedQuery(Favourite.FIND_BY_GUEST, Favourite.class)
        .setParameter("guest", guest)
        .getResultStream()
        .map(favourite -> favourite.getPhoto().getId())
        .toList();
  }

  /** Whether the photographer hid the photo from guests: a guest's own list leaves it out. */
  private boolean hidden(long photoId) {
    Photo photo = em.find(Photo.class, photoId);
    return photo == null || photo.isHidden();
  }

  private Favourite find(FavouriteGuest guest, long photoId) {
    return em.createNamedQuery(Favourite.FIND_ONE, Favourite.class)
        .setParameter("guest", guest)
        .setParameter("photoId", photoId)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private Integer limit(long eventId) {
    Proofing proofing = em.find(Proofing.class, eventId);
    return proofing == null ? null : proofing.getSelectionLimit();
  }

  /** The event for its guest (404 for anyone it does not admit; 403 for its staff). */
  private void requireGuest(Caller caller, long eventId) {
    events.visibleEvent(caller, eventId);
    if (!caller.isGuestOf(eventId)) {
      throw new ClientError(
          403, "guests_only", "Only the event's guests heart photos; the studio sees every list.");
    }
  }

  private FavouriteGuest guestOf(Caller guest, long eventId) {
    GuestKey key = em.find(GuestKey.class, guest.subject());
    return key == null || key.getGuest().getEventId() != eventId ? null : key.getGuest();
  }

  /** The guest's record, locked for a change of their list: named, and not submitted. */
  private FavouriteGuest lockedGuest(Caller guest, long eventId) {
    requireGuest(guest, eventId);
    FavouriteGuest named = guestOf(guest, eventId);
    if (named == null) {
      throw nameRequired();
    }
    em.refresh(named, LockModeType.PESSIMISTIC_WRITE);
    if (named.isSubmitted()) {
      throw ClientError.conflict(
          "submitted", "You have submitted your favourites; the list can no longer change.");
    }
    return named;
  }

  private static ClientError nameRequired() {
    return ClientError.conflict(
        "name_required",
        "Give your name first, so that the photographer knows whose favourites these are"
            + " (POST /api/v1/guest/sessions with \"name\", and \"email\" if you like).");
  }
}
