package app.glimpse.imports.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many bytes of originals this node holds in memory at once. The face engine needs a photo's
 * whole file to decode it, and several consumers index at a time ({@code PhotoFileConsumer}): each
 * takes a share of this budget for its file's size before reading it and gives it back once the
 * previews are made, so that three 200 MB files never meet on a 512 MB heap. A file larger than the
 * budget waits until it can take all of it and is then indexed alone; a file larger than half the
 * heap is not read at all, with a reason ({@link #refusal}).
 *
 * <p>{@code GLIMPSE_IMPORT_MEMORY_BYTES} sets the budget; by default a quarter of the heap.
 */
@ApplicationScoped
public class OriginalsBudget {

  private static final int UNIT = 1024;

  @Inject
  @ConfigProperty(name = "glimpse.import.memory-bytes", defaultValue = "0")
  long configured;

  private long heap;
  private int units;
  private Semaphore permits;

  protected OriginalsBudget() {}

  /** A budget of {@code bytes} on a heap of {@code heap} bytes (for tests). */
  public OriginalsBudget(long bytes, long heap) {
    configure(bytes, heap);
  }

  @PostConstruct
  void init() {
    long heapBytes = Runtime.getRuntime().maxMemory();
    configure(configured > 0 ? configured : heapBytes / 4, heapBytes);
  }

  private void configure(long bytes, long heapBytes) {
    this.heap = heapBytes;
    this.units = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / UNIT));
    this.permits = new Semaphore(units, true);
  }

  /** The budget in bytes. */
  public long bytes() {
    return (long) units * UNIT;
  }

  /** The largest file this node reads: half its heap. */
  public long largestFile() {
    return heap / 2;
  }

  /** Why a file of {@code size} bytes is not read, or null if it may be. */
  public String refusal(long size) {
    if (size <= largestFile()) {
      return null;
    }
    return "The file is "
        + size / 1_000_000
        + " MB; this node's memory holds photos up to "
        + largestFile() / 1_000_000
        + " MB (half its heap, GLIMPSE_JAVA_OPTS -Xmx).";
  }

  /**
   * Takes the share of a file of {@code size} bytes (all of the budget for a file larger than it),
   * waiting until others have given back enough; closing the hold gives it back.
   */
  public Hold hold(long size) throws InterruptedException {
    int wanted = (int) Math.max(1, Math.min(units, (Math.max(size, 0) + UNIT - 1) / UNIT));
    permits.acquire(wanted);
    return new Hold(permits, wanted);
  }

  /** Bytes of the budget no file holds now. */
  public long free() {
    return (long) permits.availablePermits() * UNIT;
  }

  /** A file's share of the budget, given back once. */
  public static final class Hold implements AutoCloseable {
    private final Semaphore permits;
    private int units;

    private Hold(Semaphore permits, int units) {
      this.permits = permits;
      this.units = units;
    }

    @Override
    public void close() {
      if (units > 0) {
        permits.release(units);
        units = 0;
      }
    }
  }
}
