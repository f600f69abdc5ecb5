package app.glimpse.access.control;

import app.glimpse.platform.boundary.Caller;
import jakarta.security.enterprise.CallerPrincipal;
import java.util.Objects;

/**
 * The caller principal of every authenticated request, from a bearer token or from the portal's
 * session: its name (the e-mail address of a photographer) and the {@link Caller} the boundaries
 * decide with.
 */
public final class GlimpsePrincipal extends CallerPrincipal {

  private static final long serialVersionUID = 1L;

  private final Caller caller;

  public GlimpsePrincipal(String name, Caller caller) {
    super(name);
    this.caller = Objects.requireNonNull(caller, "caller");
  }

  public Caller caller() {
    return caller;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GlimpsePrincipal principal
        && principal.getName().equals(getName())
        && principal.caller.equals(caller);
  }

  @Override
  public int hashCode() {
    return Objects.hash(getName(), caller);
  }
}
