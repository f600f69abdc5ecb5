package app.glimpse.platform.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Points in time as the database keeps them: PostgreSQL stores microseconds, so entities never hold
 * more.
 */
public final class Timestamps {

  private Timestamps() {}

  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
