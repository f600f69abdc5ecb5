package app.glimpse.delivery.boundary;

import app.glimpse.access.control.Throttle;
import app.glimpse.delivery.control.GuestImages;
import app.glimpse.delivery.control.WatermarkFiles;
import app.glimpse.delivery.control.Watermarker;
import app.glimpse.delivery.control.WebSizes;
import app.glimpse.delivery.entity.DownloadRule;
import app.glimpse.delivery.entity.EventDelivery;
import app.glimpse.delivery.entity.Watermark;
import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.faces.UnreadableImageException;
import app.glimpse.imports.boundary.Originals;
import app.glimpse.photos.control.Previews;
import app.glimpse.photos.entity.PhotoStatus;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.validation.constraints.NotNull;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How an event delivers its photos: the studio's settings (downloads, watermark, PIN), and every
 * download and watermarked image a guest gets under them. Staff always get the originals and the
 * clean previews; a guest of the event gets what the settings allow, and everyone else "not found".
 */
@Stateless
public class Delivery {

  /** Characters of a download PIN: short enough to type, long enough with the throttle. */
  public static final int MIN_PIN = 4;

  public static final int MAX_PIN = 32;

  /** Longest side of the studio's live preview of a watermark. */
  private static final int SAMPLE_SIDE = 800;

  @PersistenceContext EntityManager em;
  @EJB Events events;
  @EJB Originals originals;
  @Inject Throttle throttle;
  @Inject Pbkdf2PasswordHash pinHash;
  @Inject GuestImages guestImages;
  @Inject Watermarker watermarker;
  @Inject WebSizes webSizes;
  @Inject Previews previews;
  @Inject jakarta.enterprise.event.Event<WatermarkChanged> changes;

  /** The event's settings, for its staff. */
  public DeliverySettings settings(@NotNull Caller caller, long eventId) {
    events.staffEvent(caller, eventId);
    return DeliverySettings.of(of(eventId));
  }

  /**
   * Changes the event's settings; a change of the watermark starts drawing the previews again in
   * the background (after the commit), guests seeing the new mark at once.
   */
  public DeliverySettings change(
      @NotNull Caller caller, long eventId, @NotNull DeliveryChange change) {
    Event event = events.staffEvent(caller, eventId);
    Watermark mark = change.watermark();
    if (mark != null && mark.logo() && guestImages.logo(event.getStudio().getId()).isEmpty()) {
      throw ClientError.badRequest(
          "invalid_watermark_logo",
          "watermark.logo: the studio has no logo yet; upload one (PUT /api/v1/studio/logo) first.");
    }
    EventDelivery delivery = em.find(EventDelivery.class, eventId);
    if (delivery == null) {
      delivery = new EventDelivery(eventId);
      em.persist(delivery);
    }
    String hash = delivery.getDownloadPinHash();
    if (change.newPin() != null) {
      String pin = change.newPin();
      if (pin.length() < MIN_PIN || pin.length() > MAX_PIN || !pin.equals(pin.strip())) {
        throw ClientError.badRequest(
            "invalid_download_pin",
            "downloadPin: "
                + MIN_PIN
                + " to "
                + MAX_PIN
                + " characters, without spaces at either end.");
      }
      hash = pinHash.generate(pin.toCharArray());
    } else if (!change.keepPin()) {
      hash = null;
    }
    boolean redraw = delivery.change(change.downloads(), mark, change.watermarkDownloads(), hash);
    em.flush();
    if (redraw) {
      changes.fire(new WatermarkChanged(eventId, delivery.getWatermarkGeneration()));
    }
    return DeliverySettings.of(delivery);
  }

  /** What the caller may download from the event: 404 unless staff or its guest. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public DownloadTerms terms(@NotNull Caller caller, long eventId) {
    Event event = events.visibleEvent(caller, eventId);
    EventDelivery delivery = of(eventId);
    long version = delivery.getWatermarkGeneration();
    if (caller.isStaffOf(event.getStudio().getId())) {
      return new DownloadTerms(DownloadRule.ORIGINAL, false, version);
    }
    return new DownloadTerms(
        delivery.getDownloads(), delivery.getDownloadPinHash() != null, version);
  }

  /**
   * Checks a guest's download PIN (an event without one needs none). Wrong PINs are counted per
   * event and client like wrong gallery codes ({@link Throttle}): 403 {@code wrong_pin}, then 429.
   */
  public void checkPin(@NotNull Caller caller, long eventId, String pin, @NotNull String client) {
    events.visibleEvent(caller, eventId);
    String hash = of(eventId).getDownloadPinHash();
    if (hash == null) {
      return;
    }
    String key = "pin:" + eventId;
    throttle.checkGuess(key, client);
    if (pin == null || pin.isEmpty() || pin.length() > MAX_PIN * 4) {
      throttle.failed(key, client);
      throw new ClientError(403, "wrong_pin", "The download PIN is not right.");
    }
    if (!pinHash.verify(pin.toCharArray(), hash)) {
      throttle.failed(key, client);
      throw new ClientError(403, "wrong_pin", "The download PIN is not right.");
    }
    throttle.succeeded(key, client);
  }

  /** The event of photo {@code photoId} if the caller may see it; 404 otherwise. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long eventOf(@NotNull Caller caller, long photoId) {
    Long eventId =
        em.createQuery(
                "SELECT p.event.id FROM Photo p WHERE p.id = :id AND p.status = :indexed",
                Long.class)
            .setParameter("id", photoId)
            .setParameter("indexed", PhotoStatus.INDEXED)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> ClientError.notFound("photo"));
    try {
      events.visibleEvent(caller, eventId);
    } catch (ClientError hidden) {
      throw ClientError.notFound("photo");
    }
    return eventId;
  }

  /**
   * The original, if the caller may download it: staff always; a guest with "original" (and the
   * PIN, when there is one: {@code pinChecked}). 403 with the reason otherwise.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Originals.Original original(
      @NotNull Caller caller, long eventId, long photoId, boolean pinChecked) {
    allow(caller, eventId, DownloadRule.ORIGINAL, pinChecked);
    return originals.open(caller, eventId, photoId);
  }

  /** A web-size download: the photo's longest side 2048 px as JPEG. */
  public record WebImage(long photoId, String fileName, byte[] jpeg) {}

  /**
   * The web size, if the caller may download it (staff, or a guest with "original" or "web"), with
   * the watermark when the settings say so (never for staff).
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public WebImage web(@NotNull Caller caller, long eventId, long photoId, boolean pinChecked) {
    EventDelivery delivery = allow(caller, eventId, DownloadRule.WEB, pinChecked);
    Originals.Original original = originals.open(caller, eventId, photoId);
    BufferedImage image;
    try (InputStream in = original.content()) {
      image = webSizes.of(in.readAllBytes(), original.fileName());
    } catch (IOException e) {
      throw ClientError.conflict("original_unavailable", "The original cannot be read.");
    } catch (UnreadableImageException e) {
      throw ClientError.conflict(
          "original_unreadable", "The original cannot be turned into a web size.");
    }
    Optional<Watermark> mark = delivery.watermark();
    if (mark.isPresent() && delivery.isWatermarkDownloads() && caller.guestEventId() != null) {
      Event event = em.find(Event.class, eventId);
      watermarker.draw(
          image,
          mark.get(),
          mark.get().logo() ? guestImages.logo(event.getStudio().getId()).orElse(null) : null);
    }
    return new WebImage(photoId, webName(original.fileName()), watermarker.jpeg(image));
  }

  /**
   * What a guest is shown of a photo instead of its clean thumbnail or preview: the image of the
   * current watermark generation (drawn now if the background render has not reached it). Empty
   * when the caller sees the clean images: staff, or an event without a watermark. 404 when the
   * photo has no image to show.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Path> guestImage(
      @NotNull Caller caller, long eventId, long photoId, boolean thumbnail) {
    if (caller.guestEventId() == null) {
      return Optional.empty();
    }
    Event event = events.visibleEvent(caller, eventId);
    EventDelivery delivery = em.find(EventDelivery.class, eventId);
    if (delivery == null || delivery.watermark().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        guestImages
            .ensure(
                eventId,
                event.getStudio().getId(),
                delivery.getWatermarkGeneration(),
                photoId,
                thumbnail ? WatermarkFiles.Kind.THUMB : WatermarkFiles.Kind.PREVIEW,
                delivery.watermark().get())
            .orElseThrow(() -> ClientError.notFound("photo")));
  }

  /**
   * The studio's live preview of {@code mark} (null: none) on the event's first photo, as a JPEG of
   * at most {@value #SAMPLE_SIDE} px; nothing is stored. Empty while the event has no photo.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<byte[]> sample(@NotNull Caller caller, long eventId, Watermark mark) {
    Event event = events.staffEvent(caller, eventId);
    Optional<Long> first = guestImages.photos(eventId, 1).stream().findFirst();
    if (first.isEmpty()) {
      return Optional.empty();
    }
    byte[] clean;
    try {
      clean = Files.readAllBytes(previews.preview(eventId, first.get()));
    } catch (IOException missing) {
      return Optional.empty();
    }
    BufferedImage image = shrink(watermarker.read(clean), SAMPLE_SIDE);
    if (mark != null) {
      watermarker.draw(
          image,
          mark,
          mark.logo() ? guestImages.logo(event.getStudio().getId()).orElse(null) : null);
    }
    return Optional.of(watermarker.jpeg(image));
  }

  /** Whether the caller's studio has a logo to use as the watermark. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean hasLogo(@NotNull Caller caller, long eventId) {
    Event event = events.staffEvent(caller, eventId);
    return guestImages.logo(event.getStudio().getId()).isPresent();
  }

  private EventDelivery allow(Caller caller, long eventId, DownloadRule size, boolean pinChecked) {
    Event event = events.visibleEvent(caller, eventId);
    EventDelivery delivery = of(eventId);
    if (caller.isStaffOf(event.getStudio().getId())) {
      return delivery;
    }
    if (delivery.getDownloads() == DownloadRule.NONE) {
      throw new ClientError(
          403, "downloads_off", "The photographer does not offer downloads from this gallery.");
    }
    if (size == DownloadRule.ORIGINAL && delivery.getDownloads() == DownloadRule.WEB) {
      throw new ClientError(
          403,
          "originals_off",
          "This gallery offers downloads in web size only (GET /api/v1/photos/{id}/web).");
    }
    if (delivery.getDownloadPinHash() != null && !pinChecked) {
      throw new ClientError(
          403, "pin_required", "Downloads from this gallery need the download PIN.");
    }
    return delivery;
  }

  /** The event's settings; the defaults (originals, no watermark, no PIN) if it has none. */
  private EventDelivery of(long eventId) {
    EventDelivery delivery = em.find(EventDelivery.class, eventId);
    return delivery == null ? new EventDelivery(eventId) : delivery;
  }

  private static String webName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return (dot > 0 ? fileName.substring(0, dot) : fileName) + "-web.jpg";
  }

  private static BufferedImage shrink(BufferedImage image, int longSide) {
    int current = Math.max(image.getWidth(), image.getHeight());
    if (current <= longSide) {
      return image;
    }
    double f = (double) longSide / current;
    BufferedImage small =
        new BufferedImage(
            (int) Math.max(1, Math.round(image.getWidth() * f)),
            (int) Math.max(1, Math.round(image.getHeight() * f)),
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, small.getWidth(), small.getHeight(), null);
    g.dispose();
    return small;
  }
}
