package app.glimpse.delivery.boundary;

import app.glimpse.delivery.control.PngLogos;
import app.glimpse.delivery.entity.EventDelivery;
import app.glimpse.delivery.entity.StudioLogo;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The studio's logo: a PNG its photographers upload, replace or remove. Watermarks draw it, and the
 * studio's brand shows it; this is the one way to it for both. Replacing or removing it starts a
 * new watermark generation in every event of the studio whose watermark is the logo.
 */
@Stateless
public class StudioLogos {

  @PersistenceContext EntityManager em;
  @Inject jakarta.enterprise.event.Event<WatermarkChanged> changes;

  /** The logo as stored, with when it was uploaded (for caching). */
  public record Logo(byte[] png, int width, int height, Instant uploadedAt) {}

  /** Stores {@code png} as the caller's studio's logo: 400 {@code invalid_logo} if it is none. */
  public Logo put(@NotNull Caller caller, @NotNull byte[] png) {
    long studio = studioOf(caller);
    String refusal = PngLogos.refusal(png);
    if (refusal != null) {
      throw ClientError.badRequest("invalid_logo", refusal);
    }
    BufferedImage image = PngLogos.decode(png);
    StudioLogo logo = em.find(StudioLogo.class, studio);
    if (logo == null) {
      logo = new StudioLogo(studio, png, image.getWidth(), image.getHeight());
      em.persist(logo);
    } else {
      logo.replace(png, image.getWidth(), image.getHeight());
    }
    redrawLogoMarks(studio);
    return view(logo);
  }

  /** The caller's studio's logo, if it has one. */
  public Optional<Logo> get(@NotNull Caller caller) {
    return Optional.ofNullable(em.find(StudioLogo.class, studioOf(caller))).map(StudioLogos::view);
  }

  /**
   * The logo of the studio whose gallery has {@code slug}, for the gallery and its code page: the
   * brand a studio shows is public, so anyone with the link may load it.
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
  public Optional<Logo> ofGallery(@NotNull String slug) {
    return em.createQuery(
            "SELECT l FROM StudioLogo l, Event e WHERE e.slug = :slug AND l.studioId = e.studio.id",
            StudioLogo.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst()
        .map(StudioLogos::view);
  }

  /** Removes the logo; watermarks showing it show nothing until a new one is uploaded. */
  public void delete(@NotNull Caller caller) {
    long studio = studioOf(caller);
    StudioLogo logo = em.find(StudioLogo.class, studio);
    if (logo == null) {
      throw ClientError.notFound("logo");
    }
    em.remove(logo);
    redrawLogoMarks(studio);
  }

  private void redrawLogoMarks(long studio) {
    em.flush();
    List<EventDelivery> marked =
        em.createQuery(
                "SELECT d FROM EventDelivery d WHERE d.watermarkLogo = true AND d.eventId IN"
                    + " (SELECT e.id FROM Event e WHERE e.studio.id = :studio)",
                EventDelivery.class)
            .setParameter("studio", studio)
            .getResultList();
    for (EventDelivery delivery : marked) {
      delivery.logoChanged();
      changes.fire(new WatermarkChanged(delivery.getEventId(), delivery.getWatermarkGeneration()));
    }
  }

  private static long studioOf(Caller caller) {
    if (caller.studioId() == null || !caller.isStaffOf(caller.studioId())) {
      throw ClientError.notFound("studio");
    }
    return caller.studioId();
  }

  private static Logo view(StudioLogo logo) {
    return new Logo(logo.getPng(), logo.getWidth(), logo.getHeight(), logo.getUploadedAt());
  }
}
