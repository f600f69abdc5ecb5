package app.glimpse.access.control;

import app.glimpse.platform.ClientError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down guessing and hammering, per node and in memory: wrong passwords per account, wrong
 * gallery codes per event link, and selfie searches per guest session.
 *
 * <p>Guesses: the first {@code glimpse.throttle.free-failures} wrong tries cost nothing; after that
 * every further try must wait twice as long as the one before (1 s, 2 s, 4 s ... up to {@code
 * glimpse.throttle.max-lockout}); a try while waiting is refused with 429 without being checked, so
 * a guesser learns nothing. A success clears the record. Searches: at most {@code
 * glimpse.throttle.searches-per-minute} per guest, refilled continuously.
 *
 * <p>In a cluster each node counts for itself, so a guesser spread over n nodes gets n times the
 * free tries; the backoff still grows on every node.
 */
@ApplicationScoped
public class Throttle {

  @Inject
  @ConfigProperty(name = "glimpse.throttle.free-failures", defaultValue = "5")
  int freeFailures;

  @Inject
  @ConfigProperty(name = "glimpse.throttle.max-lockout", defaultValue = "PT15M")
  Duration maxLockout;

  @Inject
  @ConfigProperty(name = "glimpse.throttle.searches-per-minute", defaultValue = "30")
  int searchesPerMinute;

  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  Clock clock = Clock.systemUTC();

  /**
   * Refuses with 429 while {@code key} (say {@code "password:" + email}) must wait after wrong
   * tries.
   */
  public void checkGuess(String key) {
    Failures record = failures.get(key);
    if (record == null) {
      return;
    }
    Duration left = Duration.between(clock.instant(), record.lockedUntil);
    if (!left.isNegative() && !left.isZero()) {
      long wait = (left.toMillis() + 999) / 1000; // whole seconds, rounded up
      throw new ClientError(
          429,
          "too_many_attempts",
          "Too many wrong attempts. Try again in " + wait + (wait == 1 ? " second." : " seconds."));
    }
  }

  /** A wrong try for {@code key}. */
  public void failed(String key) {
    Instant now = clock.instant();
    failures.compute(
        key,
        (k, record) -> {
          int count = record == null ? 1 : record.count + 1;
          Instant until = now;
          if (count > freeFailures) {
            long seconds = 1L << Math.min(30, count - freeFailures - 1);
            until = now.plus(Duration.ofSeconds(Math.min(seconds, maxLockout.toSeconds())));
          }
          return new Failures(count, until, now);
        });
    if (failures.size() > 100_000) {
      Instant old = now.minus(maxLockout.multipliedBy(2));
      failures.values().removeIf(record -> record.last.isBefore(old));
    }
  }

  /** A right try for {@code key}: its wrong ones are forgotten. */
  public void succeeded(String key) {
    failures.remove(key);
  }

  /** Counts one search of {@code guest}; 429 beyond the allowed rate. */
  public void search(String guest) {
    double perSecond = searchesPerMinute / 60.0;
    Instant now = clock.instant();
    boolean[] allowed = {false};
    buckets.compute(
        guest,
        (k, bucket) -> {
          double tokens =
              bucket == null
                  ? searchesPerMinute
                  : Math.min(
                      searchesPerMinute,
                      bucket.tokens
                          + Duration.between(bucket.at, now).toMillis() / 1000.0 * perSecond);
          allowed[0] = tokens >= 1;
          return new Bucket(allowed[0] ? tokens - 1 : tokens, now);
        });
    if (buckets.size() > 100_000) {
      Instant old = now.minusSeconds(120);
      buckets.values().removeIf(bucket -> bucket.at.isBefore(old));
    }
    if (!allowed[0]) {
      throw new ClientError(
          429,
          "too_many_searches",
          "Too many searches in a short time; wait a few seconds and try again.");
    }
  }

  private record Failures(int count, Instant lockedUntil, Instant last) {}

  private record Bucket(double tokens, Instant at) {}
}
