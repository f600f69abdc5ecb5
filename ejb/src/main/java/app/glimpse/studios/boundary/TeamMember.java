package app.glimpse.studios.boundary;

import app.glimpse.studios.entity.Photographer;
import java.io.Serializable;
import java.time.Instant;

/** A photographer of the studio as its owner sees them; never the password or its hash. */
public record TeamMember(long id, String email, String displayName, String role, Instant createdAt)
    implements Serializable {

  static TeamMember of(Photographer photographer) {
    return new TeamMember(
        photographer.getId(),
        photographer.getEmail(),
        photographer.getDisplayName(),
        photographer.getRole().roleName(),
        photographer.getCreatedAt());
  }
}
