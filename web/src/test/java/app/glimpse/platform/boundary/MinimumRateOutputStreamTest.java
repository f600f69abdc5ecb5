package app.glimpse.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MinimumRateOutputStreamTest {

  /** A client that takes {@code millisPerWrite} for every write, on a clock of its own. */
  private static OutputStream client(AtomicLong clock, long millisPerWrite) {
    return new ByteArrayOutputStream() {
      @Override
      public synchronized void write(byte[] b, int off, int len) {
        clock.addAndGet(millisPerWrite * 1_000_000);
        super.write(b, off, len);
      }
    };
  }

  @Test
  void aTrickleIsEndedOnceTheGraceIsUsedUp() throws IOException {
    AtomicLong clock = new AtomicLong();
    // 8 KiB per second: a quarter of the minimum
    MinimumRateOutputStream out =
        new MinimumRateOutputStream(
            client(clock, 1000), 32_768, Duration.ofSeconds(30), clock::get);
    byte[] chunk = new byte[8192];
    for (int i = 0; i < 30; i++) {
      out.write(chunk);
    }
    assertThrows(MinimumRateOutputStream.TooSlow.class, () -> out.write(chunk));
  }

  @Test
  void aFastClientAndASlowSourceAreNeverEnded() throws IOException {
    AtomicLong clock = new AtomicLong();
    MinimumRateOutputStream out =
        new MinimumRateOutputStream(client(clock, 10), 32_768, Duration.ofSeconds(30), clock::get);
    byte[] chunk = new byte[8192];
    for (int i = 0; i < 10_000; i++) {
      out.write(chunk);
      clock.addAndGet(1_000_000_000L); // a second reading the next original: not the client's
    }
    assertEquals(10_000L * 8192, out.written());
  }
}
