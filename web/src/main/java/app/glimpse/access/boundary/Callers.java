package app.glimpse.access.boundary;

import app.glimpse.access.control.GlimpsePrincipal;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;

/**
 * Who sent the current request, as {@link GlimpseAuthentication} established it from a verified
 * bearer token or the portal's session.
 */
@RequestScoped
public class Callers {

  @Inject SecurityContext security;

  public Caller current() {
    Principal principal = security.getCallerPrincipal();
    if (principal instanceof GlimpsePrincipal glimpse) {
      return glimpse.caller();
    }
    return security.getPrincipalsByType(GlimpsePrincipal.class).stream()
        .findFirst()
        .map(GlimpsePrincipal::caller)
        .orElseThrow(() -> ClientError.unauthorized("Sign in first."));
  }
}
