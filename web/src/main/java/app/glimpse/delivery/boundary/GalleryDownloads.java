package app.glimpse.delivery.boundary;

import app.glimpse.access.boundary.ClientAddresses;
import app.glimpse.delivery.entity.DownloadRule;
import app.glimpse.events.boundary.Visitors;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.primefaces.PrimeFaces;

/**
 * The gallery's download buttons as the event's rules have them (hidden with "none", "Download (web
 * size)" with "web"), and the dialog that asks for the download PIN once per session ({@link
 * DownloadPins}). Request-scoped: a change in the studio shows at the guest's next request.
 */
@Named
@RequestScoped
public class GalleryDownloads {

  @EJB Delivery delivery;
  @Inject Visitors visitors;
  @Inject DownloadPins pins;
  @Inject ClientAddresses clients;
  @Inject HttpServletRequest request;

  private final Map<Long, Optional<DownloadTerms>> terms = new HashMap<>();

  private long eventId;
  private String pin;

  /** Whether the visitor may download anything from the event. */
  public boolean offered(long event) {
    return terms(event).map(DownloadTerms::any).orElse(false);
  }

  /** The label of a photo's download link. */
  public String label(long event) {
    return terms(event).map(DownloadTerms::downloads).orElse(DownloadRule.NONE) == DownloadRule.WEB
        ? "Download (web size)"
        : "Download full size";
  }

  /** The label of the ZIP's button. */
  public String zipLabel(long event) {
    return terms(event).map(DownloadTerms::downloads).orElse(DownloadRule.NONE) == DownloadRule.WEB
        ? "Download all (ZIP, web size)"
        : "Download all (ZIP)";
  }

  /** Whether a download must ask for the PIN first (the event has one, not entered yet). */
  public boolean pinNeeded(long event) {
    return terms(event).map(DownloadTerms::pinRequired).orElse(false) && !pins.unlocked(event);
  }

  /**
   * Checks the PIN the dialog sent; on success the download goes on (callback {@code unlocked}).
   */
  public void unlock() {
    FacesContext faces = FacesContext.getCurrentInstance();
    Optional<Caller> caller = visitors.of(eventId);
    if (caller.isEmpty()) {
      faces.addMessage("pinForm:downloadPin", error("This gallery is not open to you any more."));
      return;
    }
    try {
      delivery.checkPin(caller.get(), eventId, pin, clients.of(request));
      pins.unlock(eventId);
      PrimeFaces.current().ajax().addCallbackParam("unlocked", true);
    } catch (ClientError refused) {
      faces.addMessage("pinForm:downloadPin", error(refused.getMessage()));
      faces.validationFailed();
    }
    pin = null;
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

  private static FacesMessage error(String text) {
    return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null);
  }

  public long getEventId() {
    return eventId;
  }

  public void setEventId(long eventId) {
    this.eventId = eventId;
  }

  public String getPin() {
    return pin;
  }

  public void setPin(String pin) {
    this.pin = pin;
  }
}
