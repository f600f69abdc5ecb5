package app.glimpse.launcher;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;

/**
 * The server's log file ({@code logs/server.log} in the data directory): every line Payara Micro
 * logs and every record of the launcher's own services (PostgreSQL, Artemis), whatever the console
 * shows. Rotated by size: when the file passes {@code limit} bytes it becomes {@code server.log.1},
 * the older ones move up, and the oldest beyond {@code files} is dropped. Each line is flushed at
 * once, so that a crash loses nothing and a test can read the file while the server runs. The
 * terminal's colour codes are left out.
 */
final class ServerLog implements AutoCloseable {

  static final long LIMIT = 10L << 20;
  static final int FILES = 5;

  private static final Pattern COLOUR = Pattern.compile("\u001B\\[[;\\d]*m");

  private final Path file;
  private final long limit;
  private final int files;
  private BufferedWriter out;
  private long size;
  private boolean dropping;

  private ServerLog(Path file, long limit, int files) throws IOException {
    this.file = file;
    this.limit = limit;
    this.files = files;
    Files.createDirectories(file.getParent());
    open();
  }

  /** Appends to {@code file} (creating it and its directory), {@value #FILES} files of 10 MiB. */
  static ServerLog open(Path file) throws IOException {
    return open(file, LIMIT, FILES);
  }

  static ServerLog open(Path file, long limit, int files) throws IOException {
    return new ServerLog(file, limit, files);
  }

  Path file() {
    return file;
  }

  /**
   * Appends one line, rotating first if the file is full. If the file cannot be written, says so
   * once on the console and drops the lines that follow: the server must not wait on its log.
   */
  synchronized void line(String line) {
    if (dropping) {
      return;
    }
    try {
      if (size >= limit) {
        rotate();
      }
      String plain = COLOUR.matcher(line).replaceAll("");
      out.write(plain);
      out.newLine();
      out.flush();
      size += plain.getBytes(StandardCharsets.UTF_8).length + 1;
    } catch (IOException e) {
      dropping = true;
      System.err.println("Cannot write the server log " + file + ": " + e.getMessage());
    }
  }

  /** A handler that writes the launcher's own log records here. */
  Handler handler() {
    Formatter format = new SimpleFormatter();
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (isLoggable(record)) {
          String text = format.format(record);
          text.lines().forEach(ServerLog.this::line);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  private void open() throws IOException {
    out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    size = Files.size(file);
  }

  private void rotate() throws IOException {
    out.close();
    Files.deleteIfExists(older(files - 1));
    for (int i = files - 2; i >= 1; i--) {
      if (Files.exists(older(i))) {
        Files.move(older(i), older(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, older(1), StandardCopyOption.REPLACE_EXISTING);
    open();
  }

  /** The {@code n}th older file, {@code server.log.n}. */
  Path older(int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }

  @Override
  public synchronized void close() throws IOException {
    dropping = true;
    out.close();
  }
}
