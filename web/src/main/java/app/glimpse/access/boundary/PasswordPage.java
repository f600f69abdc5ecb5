package app.glimpse.access.boundary;

import app.glimpse.access.control.GlimpsePrincipal;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;

/**
 * {@code /studio/password.xhtml}: the signed-in photographer changes their password. This session
 * stays signed in with the new password; every other sign-in of theirs ends ({@link
 * Accounts#changePassword}).
 */
@Named
@ViewScoped
public class PasswordPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB Accounts accounts;
  @Inject transient Callers callers;
  @Inject transient ClientAddresses clients;

  private String current;
  private String replacement;
  private String repeated;

  public void change() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (replacement == null || !replacement.equals(repeated)) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "The new passwords differ.", null));
      return;
    }
    if (replacement.length() < 10 || replacement.length() > 200) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, "A password has 10 to 200 characters.", null));
      return;
    }
    try {
      HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
      Accounts.SignedIn signedIn =
          accounts.changePassword(callers.current(), current, replacement, clients.of(request));
      request
          .getSession()
          .setAttribute(
              GlimpseAuthentication.SESSION_PRINCIPAL,
              new GlimpsePrincipal(signedIn.email(), signedIn.caller()));
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Password changed.", null));
    } catch (ClientError refused) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
    } finally {
      current = null;
      replacement = null;
      repeated = null;
    }
  }

  public String getCurrent() {
    return current;
  }

  public void setCurrent(String current) {
    this.current = current;
  }

  public String getReplacement() {
    return replacement;
  }

  public void setReplacement(String replacement) {
    this.replacement = replacement;
  }

  public String getRepeated() {
    return repeated;
  }

  public void setRepeated(String repeated) {
    this.repeated = repeated;
  }
}
