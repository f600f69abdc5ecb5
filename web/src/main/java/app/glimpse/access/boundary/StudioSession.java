package app.glimpse.access.boundary;

import app.glimpse.access.control.GlimpsePrincipal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** The signed-in photographer as the portal's header shows them, and signing out. */
@Named("studioSession")
@RequestScoped
public class StudioSession {

  @Inject SecurityContext security;

  public String getName() {
    return security.getCallerPrincipal() instanceof GlimpsePrincipal principal
        ? principal.getName()
        : "";
  }

  public void signOut() throws IOException, ServletException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    ((HttpServletRequest) external.getRequest()).logout();
    external.invalidateSession();
    external.redirect(
        external.getRequestContextPath() + GlimpseAuthentication.SIGN_IN_PAGE + "?signedOut=1");
  }
}
