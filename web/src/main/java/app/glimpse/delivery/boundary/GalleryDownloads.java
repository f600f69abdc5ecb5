package app.glimpse.delivery.boundary;

import app.glimpse.delivery.entity.DownloadRule;
import app.glimpse.events.boundary.Visitors;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The gallery's download buttons as the event's rules have them (hidden with "none", "Download (web
 * size)" with "web"), and whether a download must ask for the PIN first: asked once per session
 * ({@link DownloadPins}, checked by {@link DownloadPinChecks}). Request-scoped: a change in the
 * studio shows at the guest's next request.
 */
@Named
@RequestScoped
public class GalleryDownloads {

  @EJB Delivery delivery;
  @Inject Visitors visitors;
  @Inject DownloadPins pins;

  private final Map<Long, Optional<DownloadTerms>> terms = new HashMap<>();

  /** Whether the visitor may download anything from the event. */
  public boolean offered(long event) {
    return terms(event).map(DownloadTerms::any).orElse(false);
  }

  /** The label of a photo's download link. */
  public String label(long event) {
    return rule(event) == DownloadRule.WEB ? "Download (web size)" : "Download full size";
  }

  /** The label of the ZIP's button. */
  public String zipLabel(long event) {
    return rule(event) == DownloadRule.WEB ? "Download all (ZIP, web size)" : "Download all (ZIP)";
  }

  /** Whether a download must ask for the PIN first (the event has one, not entered yet). */
  public boolean pinNeeded(long event) {
    return terms(event).map(DownloadTerms::pinRequired).orElse(false) && !pins.unlocked(event);
  }

  /** Where the PIN dialog sends the PIN ({@link DownloadPinChecks}). */
  public String pinLink(long event) {
    return DownloadPinChecks.link(
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath(), event);
  }

  private DownloadRule rule(long event) {
    return terms(event).map(DownloadTerms::downloads).orElse(DownloadRule.NONE);
  }

  private Optional<DownloadTerms> terms(long event) {
    return terms.computeIfAbsent(
        event,
        id -> {
          Optional<Caller> caller = visitors.of(id);
          if (caller.isEmpty()) {
            return Optional.empty();
          }
          try {
            return Optional.of(delivery.terms(caller.get(), id));
          } catch (ClientError gone) {
            return Optional.empty();
          }
        });
  }
}
