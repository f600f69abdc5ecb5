package app.glimpse.access.control;

import java.time.Instant;

/** A token as handed to its holder, with the moment it stops working. */
public record IssuedToken(String value, Instant expiresAt) {}
