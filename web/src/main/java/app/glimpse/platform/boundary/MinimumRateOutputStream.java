package app.glimpse.platform.boundary;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A response stream that gives up on a client that reads too slowly: once the writes have waited
 * for the client longer than {@code grace} in all, the bytes written must keep up with {@code
 * bytesPerSecond} over that waiting time, or the next write throws {@link TooSlow}. Only the time
 * spent inside writes counts, so a slow source (a Drive download between two entries of a ZIP) is
 * never held against the client. A client that stops reading altogether is ended by the server's
 * own write timeout; this one ends the client that keeps a download, and its place, for hours by
 * reading a trickle.
 */
public final class MinimumRateOutputStream extends FilterOutputStream {

  /** The client read slower than the minimum rate. */
  public static final class TooSlow extends IOException {
    private static final long serialVersionUID = 1L;

    TooSlow(String message) {
      super(message);
    }
  }

  private final long bytesPerSecond;
  private final long graceNanos;
  private final LongSupplier nanoTime;
  private long written;
  private long waitedNanos;

  public MinimumRateOutputStream(OutputStream out, long bytesPerSecond, Duration grace) {
    this(out, bytesPerSecond, grace, System::nanoTime);
  }

  MinimumRateOutputStream(
      OutputStream out, long bytesPerSecond, Duration grace, LongSupplier nanoTime) {
    super(out);
    this.bytesPerSecond = bytesPerSecond;
    this.graceNanos = grace.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    long start = nanoTime.getAsLong();
    out.write(b, off, len);
    waitedNanos += nanoTime.getAsLong() - start;
    written += len;
    if (waitedNanos > graceNanos && written < bytesPerSecond * (waitedNanos / 1e9)) {
      throw new TooSlow(
          String.format(
              java.util.Locale.ROOT,
              "%d bytes in %.0f s of writing, under %d bytes/s",
              written,
              waitedNanos / 1e9,
              bytesPerSecond));
    }
  }

  /** Bytes written so far. */
  public long written() {
    return written;
  }
}
