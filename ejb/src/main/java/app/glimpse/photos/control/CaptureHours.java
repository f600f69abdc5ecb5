package app.glimpse.photos.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The hours in which an event's photos were taken, as the gallery's time filter lists them, kept on
 * each node for a minute. Counting them groups every photo of the event (tens of milliseconds for
 * 20,000 photos), and every guest opening the gallery asks; during an import the list may lag by at
 * most that minute, while the grid itself is always current.
 */
@ApplicationScoped
public class CaptureHours {

  static final Duration FRESH = Duration.ofMinutes(1);
  private static final int MAX_EVENTS = 1_000;

  private record Key(long eventId, ZoneId zone) {}

  private record Counted(SortedMap<Instant, Integer> hours, Instant at) {}

  private final ConcurrentHashMap<Key, Counted> counted = new ConcurrentHashMap<>();

  /**
   * The event's hours in {@code zone}: counted by {@code count} unless counted in the last minute.
   */
  public SortedMap<Instant, Integer> of(
      long eventId, ZoneId zone, Supplier<SortedMap<Instant, Integer>> count) {
    Instant now = Instant.now();
    Key key = new Key(eventId, zone);
    Counted known = counted.get(key);
    if (known != null && known.at().plus(FRESH).isAfter(now)) {
      return known.hours();
    }
    if (counted.size() >= MAX_EVENTS) {
      counted.values().removeIf(old -> old.at().plus(FRESH).isBefore(now));
    }
    SortedMap<Instant, Integer> hours = Collections.unmodifiableSortedMap(count.get());
    counted.put(key, new Counted(hours, now));
    return hours;
  }
}
