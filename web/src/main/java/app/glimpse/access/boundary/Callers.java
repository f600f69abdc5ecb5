package app.glimpse.access.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who sent the current request, from its verified token. */
@RequestScoped
public class Callers {

  @Inject JsonWebToken token;

  public Caller current() {
    Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
    return new Caller(token.getSubject(), longClaim("studio"), longClaim("event"), groups);
  }

  private Long longClaim(String name) {
    Object value = token.getClaim(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof jakarta.json.JsonNumber number) {
      return number.longValue();
    }
    return Long.valueOf(value.toString());
  }
}
