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
import java.util.List;

/**
 * {@code /studio/team.xhtml}: the studio owner sees the studio's photographers, adds one (showing a
 * generated password once) and removes one. Owners only (web.xml and {@link Team}).
 */
@Named
@ViewScoped
public class TeamPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB Team team;
  @Inject transient Callers callers;

  private List<TeamMember> members = List.of();
  private String email;
  private String displayName;
  private String password;
  private String generatedPassword;
  private String addedEmail;

  public void load() {
    members = team.list(callers.current());
  }

  public void add() {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      Team.Added added =
          team.add(callers.current(), email, blankToNull(displayName), blankToNull(password));
      addedEmail = added.member().email();
      generatedPassword = added.generatedPassword();
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_INFO,
              addedEmail
                  + " can sign in now"
                  + (generatedPassword == null
                      ? " with the password you chose."
                      : ". Give them the password below; it is shown only now.")
                  + " They change it on their Password page.",
              null));
      email = null;
      displayName = null;
      members = team.list(callers.current());
    } catch (ClientError refused) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
      faces.validationFailed();
    } finally {
      password = null;
    }
  }

  public void remove(long id) {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      team.remove(callers.current(), id);
      generatedPassword = null;
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Photographer removed.", null));
    } catch (ClientError refused) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
    }
    members = team.list(callers.current());
  }

  /** Whether {@code member} is the signed-in owner, who cannot remove themselves. */
  public boolean isSelf(TeamMember member) {
    return Long.toString(member.id()).equals(callers.current().subject());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  public List<TeamMember> getMembers() {
    return members;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getGeneratedPassword() {
    return generatedPassword;
  }

  public String getAddedEmail() {
    return addedEmail;
  }
}
