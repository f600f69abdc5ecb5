package app.glimpse.delivery.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.delivery.entity.DownloadRule;
import app.glimpse.delivery.entity.Watermark;
import app.glimpse.delivery.entity.WatermarkPosition;
import app.glimpse.events.boundary.EventPage;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The "Delivery" part of the studio's event page ({@code WEB-INF/includes/event-delivery.xhtml}):
 * what guests may download, the watermark with a live preview on the event's first photo, and the
 * download PIN. The event is the one {@link EventPage} shows.
 */
@Named
@ViewScoped
public class DeliveryPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Where a refusal of the boundary is shown: beside the field it names. */
  private static final Map<String, String> FIELDS =
      Map.of(
          "invalid_watermark_text", "delivery:markText",
          "invalid_watermark_logo", "delivery:mark",
          "invalid_download_pin", "delivery:newPin");

  @EJB Delivery delivery;
  @Inject EventPage eventPage;
  @Inject transient Callers callers;

  private boolean loaded;
  private String downloads;
  private String mark;
  private String text;
  private String position;
  private int size;
  private int opacity;
  private boolean watermarkDownloads;
  private boolean hasPin;
  private boolean removePin;
  private String newPin;
  private boolean hasLogo;
  private long generation;
  private boolean rendered;
  private String preview;

  private void ensureLoaded() {
    if (loaded) {
      return;
    }
    loaded = true;
    show(delivery.settings(callers.current(), eventPage.getId()));
    hasLogo = delivery.hasLogo(callers.current(), eventPage.getId());
    refreshPreview();
  }

  private void show(DeliverySettings settings) {
    downloads = settings.downloads().json();
    Watermark current = settings.watermark();
    mark = current == null ? "none" : current.logo() ? "logo" : "text";
    text = current == null || current.logo() ? (text == null ? "" : text) : current.text();
    position = current == null ? WatermarkPosition.BOTTOM_RIGHT.json() : current.position().json();
    size = current == null ? Watermark.DEFAULT_SIZE : current.size();
    opacity = current == null ? 50 : current.opacity();
    watermarkDownloads = settings.watermarkDownloads();
    hasPin = settings.downloadPin();
    removePin = false;
    newPin = null;
    generation = settings.watermarkGeneration();
    rendered = settings.rendered();
  }

  /** Draws the watermark as the form has it into the event's first photo (nothing is saved). */
  public void refreshPreview() {
    Watermark shown;
    try {
      shown = watermark();
    } catch (IllegalArgumentException incomplete) {
      shown = null;
    }
    preview =
        delivery
            .sample(callers.current(), eventPage.getId(), shown)
            .map(jpeg -> "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg))
            .orElse(null);
  }

  public void save() {
    FacesContext faces = FacesContext.getCurrentInstance();
    Watermark chosen;
    try {
      chosen = watermark();
    } catch (IllegalArgumentException invalid) {
      faces.addMessage(
          "delivery:markText", error("Enter the watermark's text (1 to 100 characters)."));
      faces.validationFailed();
      return;
    }
    boolean keep = hasPin && !removePin && (newPin == null || newPin.isEmpty());
    String pin = newPin == null || newPin.isEmpty() ? null : newPin;
    try {
      show(
          delivery.change(
              callers.current(),
              eventPage.getId(),
              new DeliveryChange(
                  DownloadRule.ofJson(downloads).orElse(DownloadRule.ORIGINAL),
                  chosen,
                  watermarkDownloads,
                  pin,
                  keep)));
    } catch (ClientError refused) {
      faces.addMessage(FIELDS.getOrDefault(refused.error(), null), error(refused.getMessage()));
      faces.validationFailed();
      return;
    }
    refreshPreview();
    faces.addMessage(
        null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Delivery settings saved.", null));
  }

  private Watermark watermark() {
    return switch (mark) {
      case "text" ->
          new Watermark(
              text == null ? null : text,
              false,
              WatermarkPosition.ofJson(position).orElseThrow(),
              size,
              opacity);
      case "logo" ->
          new Watermark(
              null, true, WatermarkPosition.ofJson(position).orElseThrow(), size, opacity);
      default -> null;
    };
  }

  private static FacesMessage error(String text) {
    return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null);
  }

  /** The positions, as the form lists them. */
  public List<WatermarkPosition> getPositions() {
    return List.of(WatermarkPosition.values());
  }

  public String positionLabel(WatermarkPosition p) {
    return switch (p) {
      case CENTER -> "Centre";
      case TOP_LEFT -> "Top left";
      case TOP_RIGHT -> "Top right";
      case BOTTOM_LEFT -> "Bottom left";
      case BOTTOM_RIGHT -> "Bottom right";
    };
  }

  /** The state of the guests' images, beside the save button. */
  public String getRenderState() {
    ensureLoaded();
    if (generation == 0) {
      return "";
    }
    return rendered
        ? "Guests' previews are up to date."
        : "Guests' previews are being drawn again in the background; guests already see the new"
            + " watermark.";
  }

  public String getDownloads() {
    ensureLoaded();
    return downloads;
  }

  public void setDownloads(String downloads) {
    this.downloads = downloads;
  }

  public String getMark() {
    ensureLoaded();
    return mark;
  }

  public void setMark(String mark) {
    this.mark = mark;
  }

  public String getText() {
    ensureLoaded();
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getPosition() {
    ensureLoaded();
    return position;
  }

  public void setPosition(String position) {
    this.position = position;
  }

  public int getSize() {
    ensureLoaded();
    return size;
  }

  public void setSize(int size) {
    this.size = size;
  }

  public int getOpacity() {
    ensureLoaded();
    return opacity;
  }

  public void setOpacity(int opacity) {
    this.opacity = opacity;
  }

  public boolean isWatermarkDownloads() {
    ensureLoaded();
    return watermarkDownloads;
  }

  public void setWatermarkDownloads(boolean watermarkDownloads) {
    this.watermarkDownloads = watermarkDownloads;
  }

  public boolean isHasPin() {
    ensureLoaded();
    return hasPin;
  }

  public boolean isRemovePin() {
    return removePin;
  }

  public void setRemovePin(boolean removePin) {
    this.removePin = removePin;
  }

  public String getNewPin() {
    return newPin;
  }

  public void setNewPin(String newPin) {
    this.newPin = newPin;
  }

  public boolean isHasLogo() {
    ensureLoaded();
    return hasLogo;
  }

  /** Where the section's script sends the studio's logo ({@link StudioLogoUploads}). */
  public String getLogoLink() {
    return StudioLogoUploads.link(
        FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath());
  }

  public String getPreview() {
    ensureLoaded();
    return preview;
  }
}
