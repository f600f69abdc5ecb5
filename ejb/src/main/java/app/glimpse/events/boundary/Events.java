package app.glimpse.events.boundary;

import app.glimpse.access.control.Throttle;
import app.glimpse.access.control.TokenIssuer;
import app.glimpse.events.control.Slugs;
import app.glimpse.events.entity.Event;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.platform.control.Secrets;
import app.glimpse.studios.entity.Studio;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Events of a studio: create, list, read, change, delete, and open them to guests with a code. */
@Stateless
public class Events {

  /**
   * Fewest characters of a gallery code (after trimming): with the per-client throttle, guessing
   * six letters and digits takes far longer than a gallery is open.
   */
  public static final int MIN_CODE_LENGTH = 6;

  @PersistenceContext EntityManager em;

  @Inject Throttle throttle;

  @Inject jakarta.enterprise.event.Event<GuestArrived> arrivals;

  @Inject Pbkdf2PasswordHash codeHash;

  @Inject TokenIssuer tokens;

  /** The installation's cipher, which the Drive refresh tokens are sealed with too. */
  @Inject Secrets secrets;

  @Inject jakarta.enterprise.event.Event<EventDeleted> deletions;

  @Inject jakarta.enterprise.event.Event<GuestNamed> named;

  /**
   * Compared against when a slug does not exist, so that a wrong slug and a wrong code take the
   * same time.
   */
  private String noEventHash;

  @PostConstruct
  void prepare() {
    noEventHash = codeHash.generate(UUID.randomUUID().toString().toCharArray());
  }

  public EventView create(
      @NotNull Caller caller, @NotBlank @Size(max = 200) String name, LocalDate date) {
    if (caller.studioId() == null || !caller.isStaffOf(caller.studioId())) {
      throw ClientError.notFound("studio");
    }
    Studio studio = em.find(Studio.class, caller.studioId());
    if (studio == null) {
      throw ClientError.notFound("studio");
    }
    Event event = new Event(studio, name, date, Slugs.forName(name));
    em.persist(event);
    em.flush();
    return EventView.of(event, 0);
  }

  public List<EventView> list(@NotNull Caller caller) {
    if (caller.studioId() == null) {
      return List.of();
    }
    return em.createNamedQuery(Event.FIND_BY_STUDIO, Event.class)
        .setParameter("studioId", caller.studioId())
        .getResultStream()
        .filter(event -> caller.isStaffOf(event.getStudio().getId()))
        .map(event -> EventView.of(event, photoCount(event)))
        .toList();
  }

  /**
   * The event, if the caller works for its studio or is its guest; else "not found", whether it
   * exists or not.
   */
  public EventView get(@NotNull Caller caller, long id) {
    Event event = visibleEvent(caller, id);
    return EventView.of(event, photoCount(event));
  }

  /**
   * Opens the gallery to guests who know {@code code}, until {@code expiresAt} if given. A new code
   * lets out every guest who entered with the old one; the same code again only moves the expiry
   * and switches face search, and the guests inside stay.
   */
  public EventView setGuestAccess(
      @NotNull Caller caller,
      long id,
      @NotBlank @Size(max = 64) String code,
      Instant expiresAt,
      boolean faceSearch) {
    Event event = staffEvent(caller, id);
    if (code.strip().length() < MIN_CODE_LENGTH) {
      throw ClientError.badRequest(
          "invalid_code",
          "The code needs at least "
              + MIN_CODE_LENGTH
              + " characters, so that it cannot be guessed.");
    }
    if (expiresAt != null && expiresAt.isBefore(Instant.now())) {
      throw ClientError.badRequest("invalid_expiry", "The expiry lies in the past.");
    }
    if (event.getAccessCodeHash() != null && codeMatches(code, event.getAccessCodeHash())) {
      event.changeGuestAccess(expiresAt, faceSearch);
    } else {
      event.grantGuestAccess(
          codeHash.generate(normalise(code).toCharArray()), expiresAt, faceSearch);
    }
    event.sealCode(secrets.cipher().encrypt(code.strip(), codeContext(event.getId())));
    return EventView.of(event, photoCount(event));
  }

  /**
   * A code as guests' codes are compared: without any spaces and in lower case, so that "Anna Ben"
   * and "annaben" are one code.
   */
  public static String normalise(String code) {
    StringBuilder kept = new StringBuilder(code.length());
    code.codePoints()
        .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
        .forEach(kept::appendCodePoint);
    return kept.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code entered} is the code of {@code hash}: normalised; a hash made before codes were
   * normalised is of the code as typed then (stripped), which still opens it.
   */
  private boolean codeMatches(String entered, String hash) {
    String normalised = normalise(entered);
    return codeHash.verify(normalised.toCharArray(), hash)
        || (!normalised.equals(entered.strip())
            && codeHash.verify(entered.strip().toCharArray(), hash));
  }

  private static String codeContext(long eventId) {
    return "gallery-code:" + eventId;
  }

  /**
   * The gallery's code as the photographer set it, for the studio to show and print: empty when the
   * gallery is closed, or its code was set before codes were kept (then only a new code shows).
   */
  public Optional<String> accessCode(@NotNull Caller caller, long id) {
    Event event = staffEvent(caller, id);
    if (event.getAccessCodeHash() == null || event.getAccessCodeSealed() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          secrets.cipher().decrypt(event.getAccessCodeSealed(), codeContext(event.getId())));
    } catch (IllegalArgumentException keyChanged) {
      return Optional.empty();
    }
  }

  /** Whether a gallery link leads anywhere, and whether its gallery is open. */
  public enum GalleryStatus {
    NOT_FOUND,
    NOT_OPEN,
    OPEN,
    EXPIRED,
    CLOSED
  }

  /**
   * What the gallery behind {@code slug} is to a guest: there or not, open, expired or closed, with
   * the studio to ask and since when it is expired or closed. Slugs end in random characters, so a
   * "not found" tells nobody which events exist.
   */
  public record GalleryState(GalleryStatus status, String studio, Instant since) {}

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public GalleryState galleryState(@NotNull String slug) {
    Event event =
        em.createNamedQuery(Event.FIND_BY_SLUG, Event.class)
            .setParameter("slug", slug.strip().toLowerCase(Locale.ROOT))
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (event == null) {
      return new GalleryState(GalleryStatus.NOT_FOUND, null, null);
    }
    String studio = event.getStudio().getName();
    Instant now = Instant.now();
    if (event.guestAccessOpen(now)) {
      return new GalleryState(GalleryStatus.OPEN, studio, null);
    }
    if (event.getAccessCodeHash() != null) {
      return new GalleryState(GalleryStatus.EXPIRED, studio, event.getAccessExpiresAt());
    }
    if (event.getAccessClosedAt() != null) {
      return new GalleryState(GalleryStatus.CLOSED, studio, event.getAccessClosedAt());
    }
    return new GalleryState(GalleryStatus.NOT_OPEN, studio, null);
  }

  /** Closes the gallery: the code stops working and every guest token and pass ends. */
  public EventView closeGuestAccess(@NotNull Caller caller, long id) {
    Event event = staffEvent(caller, id);
    event.closeGuestAccess();
    return EventView.of(event, photoCount(event));
  }

  /**
   * Changes when the gallery closes and whether guests may search by selfie, keeping the code it
   * already has: the portal asks for the code again only to change it, since only its hash is kept.
   */
  public EventView changeGuestAccess(
      @NotNull Caller caller, long id, Instant expiresAt, boolean faceSearch) {
    Event event = staffEvent(caller, id);
    if (event.getAccessCodeHash() == null) {
      throw ClientError.badRequest("code_required", "Give the gallery an access code first.");
    }
    if (expiresAt != null && expiresAt.isBefore(Instant.now())) {
      throw ClientError.badRequest("invalid_expiry", "The expiry lies in the past.");
    }
    event.grantGuestAccess(event.getAccessCodeHash(), expiresAt, faceSearch);
    return EventView.of(event, photoCount(event));
  }

  /** Lets guests browse the event's people ("tap your face"), or stops it. */
  public EventView showPeopleToGuests(@NotNull Caller caller, long id, boolean visible) {
    Event event = staffEvent(caller, id);
    event.showPeopleToGuests(visible);
    return EventView.of(event, photoCount(event));
  }

  /**
   * A guest token for the event behind {@code slug} if {@code code} opens it, for the client
   * address {@code client} (wrong codes are counted per client: {@link Throttle}). A wrong slug, a
   * wrong code, a closed or expired gallery: all get the same answer, so nobody learns which events
   * exist.
   */
  public GuestSession openGuestSession(
      @NotBlank String slug, @NotBlank String code, @NotNull String client) {
    return openGuestSession(slug, code, client, null, null);
  }

  /**
   * {@link #openGuestSession(String, String, String)} for a guest who gives their name and maybe an
   * e-mail (checked first: 400 {@code invalid_name} or {@code invalid_email}), which {@link
   * GuestNamed} hands to the areas that keep something for named guests.
   */
  public GuestSession openGuestSession(
      @NotBlank String slug,
      @NotBlank String code,
      @NotNull String client,
      String name,
      String email) {
    GuestIdentity identity =
        GuestIdentity.given(name, email) ? GuestIdentity.of(name, email) : null;
    GuestPass pass = enterGallery(slug, code, client);
    if (identity != null) {
      named.fire(new GuestNamed(pass.eventId(), pass.caller().subject(), identity));
    }
    String token =
        tokens
            .forGuest(
                pass.caller().subject(),
                Map.of("event", pass.eventId(), "access", pass.accessGeneration()),
                pass.expiresAt())
            .value();
    return new GuestSession(token, pass.eventId(), pass.eventName(), pass.faceSearch());
  }

  /**
   * The gallery's pass for a guest who entered {@code code} for {@code slug}, as the web gallery
   * keeps it in the guest's session; refused exactly like {@link #openGuestSession}.
   */
  public GuestPass enterGallery(
      @NotBlank String slug, @NotBlank String code, @NotNull String client) {
    String key = "code:" + slug.strip().toLowerCase();
    throttle.checkGuess(key, client);
    Event event =
        em.createNamedQuery(Event.FIND_BY_SLUG, Event.class)
            .setParameter("slug", slug.strip().toLowerCase())
            .getResultStream()
            .findFirst()
            .orElse(null);
    Instant now = Instant.now();
    boolean open = event != null && event.guestAccessOpen(now);
    String stored = open ? event.getAccessCodeHash() : noEventHash;
    boolean matches = codeMatches(code, stored);
    if (!open || !matches) {
      throttle.failed(key, client);
      throw ClientError.unauthorized("This gallery link or code is not valid.");
    }
    throttle.succeeded(key, client);
    arrivals.fire(new GuestArrived(event.getId(), event.isFaceSearch()));
    return new GuestPass(
        event.getId(),
        event.getSlug(),
        event.getName(),
        event.isFaceSearch(),
        event.getAccessExpiresAt(),
        event.getAccessGeneration(),
        UUID.randomUUID().toString());
  }

  /** Renames the event and moves its date. */
  public EventView update(
      @NotNull Caller caller, long id, @NotBlank @Size(max = 200) String name, LocalDate date) {
    Event event = staffEvent(caller, id);
    event.rename(name);
    event.moveTo(date);
    return EventView.of(event, photoCount(event));
  }

  /**
   * Changes what the photographer gives: a non-null {@code name} renames the event, {@code
   * changeDate} moves it to {@code date} (null: no date), {@code changeCover} shows {@code
   * coverPhotoId} as its cover (null: the first photo again), which must be one of its indexed
   * photos.
   */
  public EventView patch(
      @NotNull Caller caller,
      long id,
      String name,
      boolean changeDate,
      LocalDate date,
      boolean changeCover,
      Long coverPhotoId) {
    Event event = staffEvent(caller, id);
    if (name != null) {
      try {
        event.rename(name);
      } catch (IllegalArgumentException e) {
        throw ClientError.badRequest("invalid_name", e.getMessage());
      }
    }
    if (changeDate) {
      event.moveTo(date);
    }
    if (changeCover) {
      if (coverPhotoId != null && !isIndexedPhotoOf(event, coverPhotoId)) {
        throw ClientError.badRequest(
            "invalid_cover", "coverPhotoId is not one of the event's photos.");
      }
      event.coverWith(coverPhotoId);
    }
    return EventView.of(event, photoCount(event));
  }

  /** Whether {@code photoId} is an indexed photo of the event: a read of the photos' table. */
  private boolean isIndexedPhotoOf(Event event, long photoId) {
    return !em.createNativeQuery(
            "SELECT 1 FROM photo WHERE id = ?1 AND event_id = ?2 AND status = 'INDEXED'")
        .setParameter(1, photoId)
        .setParameter(2, event.getId())
        .getResultList()
        .isEmpty();
  }

  /**
   * Deletes the event with its sources, imports, photos and faces (the database cascades); the
   * areas keeping its files (previews, uploads) learn of it from {@link EventDeleted}.
   */
  public void delete(@NotNull Caller caller, long id) {
    Event event = staffEvent(caller, id);
    em.remove(event);
    em.flush();
    deletions.fire(new EventDeleted(id));
  }

  /**
   * The studio's events as the portal lists them: with their photos, faces and people, a cover
   * photo and the latest import's status, all counted by one query however many events there are. A
   * read of the other areas' tables in SQL, which the schema shares: the events area uses none of
   * their code.
   */
  public List<EventSummary> summaries(@NotNull Caller caller) {
    if (caller.studioId() == null || !caller.isStaffOf(caller.studioId())) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT e.id, shot.photos, shot.faces,"
                    + " (SELECT count(*) FROM person pe WHERE pe.event_id = e.id"
                    + "   AND pe.face_count > 0),"
                    + " coalesce(e.cover_photo_id, (SELECT p.id FROM photo p"
                    + "   WHERE p.event_id = e.id AND p.status = 'INDEXED'"
                    + "   ORDER BY p.taken_at, p.id LIMIT 1)),"
                    + " (SELECT i.status FROM photo_import i WHERE i.event_id = e.id"
                    + "   ORDER BY i.created_at DESC, i.id DESC LIMIT 1)"
                    + " FROM event e CROSS JOIN LATERAL"
                    + " (SELECT count(*) AS photos, coalesce(sum(p.face_count), 0) AS faces"
                    + "   FROM photo p WHERE p.event_id = e.id AND p.status = 'INDEXED') shot"
                    + " WHERE e.studio_id = ?1")
            .setParameter(1, caller.studioId())
            .getResultList();
    Map<Long, Object[]> figures = new java.util.HashMap<>();
    for (Object[] row : rows) {
      figures.put(((Number) row[0]).longValue(), row);
    }
    return em.createNamedQuery(Event.FIND_BY_STUDIO, Event.class)
        .setParameter("studioId", caller.studioId())
        .getResultStream()
        .filter(event -> figures.containsKey(event.getId()))
        .map(
            event -> {
              Object[] row = figures.get(event.getId());
              return new EventSummary(
                  EventView.of(event, ((Number) row[1]).longValue()),
                  ((Number) row[2]).longValue(),
                  ((Number) row[3]).longValue(),
                  row[4] == null ? null : ((Number) row[4]).longValue(),
                  (String) row[5]);
            })
        .toList();
  }

  /** The brand of the studio whose event it is, for its gallery, code page and card. */
  public app.glimpse.studios.boundary.StudioBrand brandOf(@NotNull Caller caller, long eventId) {
    return app.glimpse.studios.boundary.StudioBrand.of(visibleEvent(caller, eventId).getStudio());
  }

  /** The brand of the studio whose event has {@code slug}, for its code page; empty if none. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public java.util.Optional<app.glimpse.studios.boundary.StudioBrand> brandOfSlug(String slug) {
    return em.createNamedQuery(Event.FIND_BY_SLUG, Event.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst()
        .map(event -> app.glimpse.studios.boundary.StudioBrand.of(event.getStudio()));
  }

  /**
   * The event if the caller may see it (staff of its studio, or its guest while their pass still
   * opens it); 404 otherwise.
   */
  public Event visibleEvent(Caller caller, long id) {
    Event event = em.find(Event.class, id);
    // the guest check first: it needs no studio, which is loaded only when asked for
    if (event == null
        || !(admitsGuest(event, caller) || caller.isStaffOf(event.getStudio().getId()))) {
      throw ClientError.notFound("event");
    }
    return event;
  }

  /**
   * Whether {@code guest}'s pass still opens event {@code eventId}: the gallery is open, not
   * expired, and its code has not changed since the guest entered it. For the web gallery, which
   * asks before serving a page or a preview from the session's pass.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean admits(@NotNull Caller guest, long eventId) {
    Event event = em.find(Event.class, eventId);
    return event != null && admitsGuest(event, guest);
  }

  private static boolean admitsGuest(Event event, Caller caller) {
    return caller.isGuestOf(event.getId())
        && event.admitsGuest(caller.accessGeneration(), Instant.now());
  }

  /** The event if the caller works for its studio; 404 otherwise. */
  public Event staffEvent(Caller caller, long id) {
    Event event = em.find(Event.class, id);
    if (event == null || !caller.isStaffOf(event.getStudio().getId())) {
      throw ClientError.notFound("event");
    }
    return event;
  }

  /** The event's indexed photos, counted in SQL like {@link #summaries}. */
  private long photoCount(Event event) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT count(*) FROM photo WHERE event_id = ?1 AND status = 'INDEXED'")
                .setParameter(1, event.getId())
                .getSingleResult())
        .longValue();
  }

  /**
   * What the web gallery keeps for a guest who entered the code of one event; it opens the event
   * only as long as {@link #admits} says so.
   */
  public record GuestPass(
      long eventId,
      String slug,
      String eventName,
      boolean faceSearch,
      Instant expiresAt,
      long accessGeneration,
      String guest)
      implements java.io.Serializable {

    /** The guest as the boundaries know them: one subject per entry of the code (own budgets). */
    public Caller caller() {
      return Caller.guest("guest:" + eventId + ":" + guest, eventId, accessGeneration);
    }
  }

  /** What a guest gets on entering the code. */
  public record GuestSession(String token, long eventId, String eventName, boolean faceSearch) {}
}
