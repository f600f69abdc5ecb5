package app.glimpse.platform.boundary;

import java.util.concurrent.ConcurrentHashMap;

/**
 * At most so many of something running at once for each key (a client address, a session): {@link
 * #tryAcquire} before, {@link #release} after, in a {@code finally}. Keys with nothing running are
 * forgotten, so the map holds only what runs.
 */
public final class PerKeyLimit {

  private final int max;
  private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

  public PerKeyLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("at least one at once, not " + max);
    }
    this.max = max;
  }

  /** Takes a place for {@code key}; false when it has {@code max} running already. */
  public boolean tryAcquire(String key) {
    boolean[] taken = {false};
    running.compute(
        key,
        (k, count) -> {
          int now = count == null ? 0 : count;
          if (now >= max) {
            return count;
          }
          taken[0] = true;
          return now + 1;
        });
    return taken[0];
  }

  /** Gives back a place {@link #tryAcquire} took for {@code key}. */
  public void release(String key) {
    running.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
  }

  /** How many run for {@code key} now. */
  public int running(String key) {
    return running.getOrDefault(key, 0);
  }
}
