package app.glimpse.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates as the studio and the gallery show them, in words ("14 June 2031", "14 June 2031, 18:30" in
 * the server's zone), never as ISO: {@code #{dates.day(event.date())}}.
 */
@Named
@ApplicationScoped
public class Dates {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);

  public String day(LocalDate date) {
    return date == null ? "" : DAY.format(date);
  }

  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(ZoneId.systemDefault()));
  }

  public static String time(LocalDateTime time) {
    return time == null ? "" : TIME.format(time);
  }
}
