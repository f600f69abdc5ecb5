package app.glimpse.studios.boundary;

import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.studios.control.Contrast;
import app.glimpse.studios.entity.Studio;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.util.Locale;

/**
 * The studio's brand: every photographer of the studio reads it, its owner changes it. The accent
 * colour must keep white text readable (4.5:1, {@link Contrast}); a colour that does not is refused
 * with the contrast it has.
 */
@Stateless
public class Brand {

  @PersistenceContext EntityManager em;

  public StudioBrand get(@NotNull Caller caller) {
    return StudioBrand.of(studio(caller));
  }

  /**
   * Renames the studio (a non-null {@code name}) and sets its accent colour ({@code changeAccent};
   * null: Glimpse's own again).
   */
  public StudioBrand update(
      @NotNull Caller owner, String name, boolean changeAccent, String accentColor) {
    Studio studio = studio(owner);
    if (!owner.isOwner()) {
      throw ClientError.notFound("studio");
    }
    if (name != null) {
      try {
        studio.rename(name);
      } catch (IllegalArgumentException e) {
        throw ClientError.badRequest("invalid_name", "The studio's name has 1 to 200 characters.");
      }
    }
    if (changeAccent) {
      if (accentColor != null) {
        if (!Contrast.isHex(accentColor)) {
          throw ClientError.badRequest(
              "invalid_accent_color", "accentColor is a colour as #rrggbb, or null.");
        }
        double contrast = Contrast.withWhite(accentColor);
        if (contrast < Contrast.MINIMUM) {
          throw ClientError.badRequest(
              "invalid_accent_color",
              String.format(
                  Locale.ROOT,
                  "White text on %s has a contrast of %.1f:1; guests need at least %.1f:1."
                      + " Choose a darker colour.",
                  accentColor,
                  contrast,
                  Contrast.MINIMUM));
        }
        accentColor = Contrast.normal(accentColor);
      }
      studio.accent(accentColor);
    }
    return StudioBrand.of(studio);
  }

  private Studio studio(Caller caller) {
    if (caller.studioId() == null || !caller.isStaffOf(caller.studioId())) {
      throw ClientError.notFound("studio");
    }
    Studio studio = em.find(Studio.class, caller.studioId());
    if (studio == null) {
      throw ClientError.notFound("studio");
    }
    return studio;
  }
}
