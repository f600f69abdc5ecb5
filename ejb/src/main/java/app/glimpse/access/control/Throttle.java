package app.glimpse.access.control;

import app.glimpse.platform.boundary.ClientError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down guessing and hammering, per node and in memory: wrong passwords per account, wrong
 * gallery codes per event link, and selfie searches per guest session, each counted per client
 * address (as the web layer learned it: {@code ClientAddresses}), so that nobody locks out the
 * owner or a whole wedding by guessing.
 *
 * <p>Guesses: a client's first {@code glimpse.throttle.free-failures} wrong tries on a key cost
 * nothing; after that every further try of that client must wait twice as long as the one before (1
 * s, 2 s, 4 s ... up to {@code glimpse.throttle.max-lockout}); a try while waiting is refused with
 * 429 without being checked, so a guesser learns nothing. The client's own success clears its
 * record; another client's success changes nothing. Guessers spread over many addresses are capped
 * per key: once {@code glimpse.throttle.failures-per-key} wrong tries from all clients together
 * fell on the key within {@code max-lockout}, until that time has passed every client that tried
 * wrongly waits, and a client new to the key has one try (so a guest who knows the code still gets
 * in, and each address a guesser adds buys one guess).
 *
 * <p>Searches: at most {@code glimpse.throttle.searches-per-minute} per guest session, and at most
 * {@code glimpse.throttle.client-searches-per-minute} per client address whatever the number of
 * sessions it opens, both refilled continuously.
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
  @ConfigProperty(name = "glimpse.throttle.failures-per-key", defaultValue = "100")
  int failuresPerKey;

  @Inject
  @ConfigProperty(name = "glimpse.throttle.searches-per-minute", defaultValue = "30")
  int searchesPerMinute;

  @Inject
  @ConfigProperty(name = "glimpse.throttle.client-searches-per-minute", defaultValue = "120")
  int clientSearchesPerMinute;

  private static final int MAX_RECORDS = 100_000;

  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Window> keys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  Clock clock = Clock.systemUTC();

  /**
   * Refuses with 429 while {@code client} must wait after wrong tries on {@code key} (say {@code
   * "password:" + email}), or while the key is capped and the client tried it wrongly.
   */
  public void checkGuess(String key, String client) {
    Instant now = clock.instant();
    Failures record = failures.get(record(key, client));
    if (record != null) {
      refuseUntil(record.lockedUntil, now);
    }
    Window window = keys.get(key);
    if (window != null
        && window.count >= failuresPerKey
        && now.isBefore(window.end)
        && record != null
        && !record.last.isBefore(window.start)) {
      refuseUntil(window.end, now);
    }
  }

  private static void refuseUntil(Instant until, Instant now) {
    Duration left = Duration.between(now, until);
    if (!left.isNegative() && !left.isZero()) {
      long wait = (left.toMillis() + 999) / 1000; // whole seconds, rounded up
      throw new ClientError(
          429,
          "too_many_attempts",
          "Too many wrong attempts. Try again in "
              + (wait > 120
                  ? (wait + 59) / 60 + " minutes."
                  : wait + (wait == 1 ? " second." : " seconds.")));
    }
  }

  /** A wrong try of {@code client} on {@code key}. */
  public void failed(String key, String client) {
    Instant now = clock.instant();
    failures.compute(
        record(key, client),
        (k, record) -> {
          int count = record == null ? 1 : record.count + 1;
          Instant until = now;
          if (count > freeFailures) {
            long seconds = 1L << Math.min(30, count - freeFailures - 1);
            until = now.plus(Duration.ofSeconds(Math.min(seconds, maxLockout.toSeconds())));
          }
          return new Failures(count, until, now);
        });
    keys.compute(
        key,
        (k, window) ->
            window == null || !now.isBefore(window.end)
                ? new Window(1, now, now.plus(maxLockout))
                : new Window(window.count + 1, window.start, window.end));
    if (failures.size() > MAX_RECORDS || keys.size() > MAX_RECORDS) {
      Instant old = now.minus(maxLockout.multipliedBy(2));
      failures.values().removeIf(record -> record.last.isBefore(old));
      keys.values().removeIf(window -> window.end.isBefore(now));
    }
  }

  /** A right try of {@code client} on {@code key}: its own wrong ones are forgotten. */
  public void succeeded(String key, String client) {
    failures.remove(record(key, client));
  }

  private static String record(String key, String client) {
    return key + "\n" + client;
  }

  /**
   * Counts one search of the guest session {@code guest} from {@code client}; 429 beyond either's
   * allowed rate, and then neither is counted.
   */
  public synchronized void search(String guest, String client) {
    Instant now = clock.instant();
    Bucket mine = refilled(buckets.get("guest\n" + guest), searchesPerMinute, now);
    Bucket theirs = refilled(buckets.get("client\n" + client), clientSearchesPerMinute, now);
    if (mine.tokens < 1 || theirs.tokens < 1) {
      throw new ClientError(
          429,
          "too_many_searches",
          "Too many searches in a short time; wait a few seconds and try again.");
    }
    buckets.put("guest\n" + guest, new Bucket(mine.tokens - 1, now));
    buckets.put("client\n" + client, new Bucket(theirs.tokens - 1, now));
    if (buckets.size() > MAX_RECORDS) {
      Instant old = now.minusSeconds(120);
      buckets.values().removeIf(bucket -> bucket.at.isBefore(old));
    }
  }

  private static Bucket refilled(Bucket bucket, int perMinute, Instant now) {
    if (bucket == null) {
      return new Bucket(perMinute, now);
    }
    double refill = Duration.between(bucket.at, now).toMillis() / 1000.0 * perMinute / 60.0;
    return new Bucket(Math.min(perMinute, bucket.tokens + refill), now);
  }

  private record Failures(int count, Instant lockedUntil, Instant last) {}

  /** Wrong tries on a key from all clients since {@code start}, counted until {@code end}. */
  private record Window(int count, Instant start, Instant end) {}

  private record Bucket(double tokens, Instant at) {}
}
