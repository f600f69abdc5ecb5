package app.glimpse.studios.entity;

/**
 * What a photographer may do in their studio; the name is also the security role in tokens (lower
 * case).
 */
public enum Role {
  /** Manages the studio and its photographers, and everything a photographer does. */
  OWNER,
  /** Creates and runs the studio's events. */
  PHOTOGRAPHER;

  public String roleName() {
    return name().toLowerCase();
  }
}
