package app.glimpse.drive.control;

import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Repeats a Drive request that met a rate limit (429, or 403 with reason rateLimitExceeded or
 * userRateLimitExceeded), a server error (5xx) or a broken connection, with exponential backoff and
 * jitter: the n-th retry waits about {@code firstDelay * 2^(n-1)} (between half and all of it, at
 * most a minute, or what {@code Retry-After} asks, capped the same), as Google's guidance for Drive
 * asks. Anything else, and the last failure, is thrown as a {@link DriveFailure}.
 */
public final class DriveRetry {

  private static final Logger LOG = Logger.getLogger(DriveRetry.class.getName());
  private static final Duration MAX_DELAY = Duration.ofMinutes(1);
  private static final List<String> RATE_LIMIT_REASONS =
      List.of("rateLimitExceeded", "userRateLimitExceeded");

  private final int attempts;
  private final Duration firstDelay;

  public DriveRetry(int attempts, Duration firstDelay) {
    this.attempts = attempts;
    this.firstDelay = firstDelay;
  }

  /** A Drive request, as the client library runs it. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws IOException;
  }

  /**
   * The result of {@code call}, retried as described above.
   *
   * @param what what the call does, for the photographer ("Downloading IMG_1.jpg")
   */
  public <T> T call(String what, Call<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (IOException e) {
        if (!retryable(e) || attempt >= attempts) {
          throw DriveFailure.of(what, e, attempt);
        }
        Duration delay = delay(attempt, e);
        LOG.log(
            Level.FINE,
            "{0}: attempt {1} failed ({2}), retrying in {3} ms",
            new Object[] {what, attempt, e.getMessage(), delay.toMillis()});
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw DriveFailure.of(what, e, attempt);
        }
      }
    }
  }

  static boolean retryable(IOException error) {
    if (error instanceof HttpResponseException http) {
      int status = http.getStatusCode();
      return status == 429
          || status >= 500
          || (status == 403 && RATE_LIMIT_REASONS.contains(DriveFailure.reason(error)));
    }
    return true;
  }

  private Duration delay(int attempt, IOException error) {
    long exponential = firstDelay.toMillis() << Math.min(attempt - 1, 20);
    long millis =
        Math.min(
            MAX_DELAY.toMillis(),
            exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1));
    if (error instanceof HttpResponseException http && http.getHeaders() != null) {
      String retryAfter = http.getHeaders().getRetryAfter();
      if (retryAfter != null && retryAfter.strip().matches("\\d{1,6}")) {
        millis =
            Math.max(
                millis, Math.min(MAX_DELAY.toMillis(), Long.parseLong(retryAfter.strip()) * 1000));
      }
    }
    return Duration.ofMillis(millis);
  }
}
