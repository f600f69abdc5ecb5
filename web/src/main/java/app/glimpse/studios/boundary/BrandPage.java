package app.glimpse.studios.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * {@code /studio/brand.xhtml}: the studio owner names the studio and chooses its accent colour, as
 * guests see them; a colour white text is not readable on is refused beside its field. Owners only
 * (web.xml and {@link Brand}).
 */
@Named
@ViewScoped
public class BrandPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB Brand brand;
  @Inject transient Callers callers;

  private String name;
  private String accentColor;
  private StudioBrand saved;

  public void load() {
    saved = brand.get(callers.current());
    name = saved.name();
    accentColor = saved.accentColor();
  }

  public void save() {
    FacesContext faces = FacesContext.getCurrentInstance();
    String accent = accentColor == null || accentColor.isBlank() ? null : accentColor.strip();
    try {
      saved = brand.update(callers.current(), name, true, accent);
      accentColor = saved.accentColor();
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Your brand is saved.", null));
    } catch (ClientError refused) {
      String field = "invalid_accent_color".equals(refused.error()) ? "brand:accent" : "brand:name";
      faces.addMessage(
          field, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
      faces.validationFailed();
    }
  }

  /** The accent shown beside the field: the saved one. */
  public String getAccent() {
    return saved == null ? StudioBrand.DEFAULT_ACCENT : saved.accent();
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getAccentColor() {
    return accentColor;
  }

  public void setAccentColor(String accentColor) {
    this.accentColor = accentColor;
  }
}
