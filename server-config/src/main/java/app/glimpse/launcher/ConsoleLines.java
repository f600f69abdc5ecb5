package app.glimpse.launcher;

import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which lines of the server's log reach the operator's console, read one line at a time from Payara
 * Micro's standard error. Payara writes each log record as a header line ({@code
 * [2026-06-20T14:00:00.000+0000] [] [WARNING] [] [logger] [tid: ...] [timeMillis: ...] [levelValue:
 * 900] message}), the lines of a longer message (a stack trace) after it, and a blank line. A
 * message that may hold blank lines of its own (a certificate, the list of endpoints) is put
 * between {@code [[} and {@code ]]}, but a certificate holds {@code ]]} and a blank line too, so
 * such a record lasts until the next header. A WARNING or SEVERE record reaches the console as one
 * line, {@code 14:00:00 WARNING [logger] message}, the launcher's own format; the whole record is
 * in the log file; a warning that only repeats the one before (the same logger, the same words) is
 * not shown again. INFO and below stay in the file. A line outside any record (the JVM's own, or
 * native code's) is shown as it is.
 */
final class ConsoleLines {

  private static final Pattern RECORD =
      Pattern.compile(
          "^\\[\\d{4}-\\d\\d-\\d\\dT(\\d\\d:\\d\\d:\\d\\d)[^\\]]*\\] \\[[^\\]]*\\] \\[([^\\]]*)\\]"
              + " \\[[^\\]]*\\] \\[([^\\]]*)\\].*?\\[levelValue: (\\d+)\\] ?(.*)$");
  private static final Pattern COLOUR = Pattern.compile("\u001B\\[[;\\d]*m");

  private boolean inRecord;
  private boolean bracketed;
  private String pending;
  private String last = "";

  /** What the console shows for {@code line}, if anything. */
  Optional<String> console(String line) {
    String plain = COLOUR.matcher(line).replaceAll("");
    Matcher record = RECORD.matcher(plain);
    if (record.matches()) {
      return header(record);
    }
    if (!inRecord) {
      return plain.isBlank() ? Optional.empty() : Optional.of(line);
    }
    if (!bracketed && plain.isEmpty()) {
      inRecord = false;
      pending = null;
      return Optional.empty();
    }
    if (pending != null && !plain.isBlank()) {
      String head = pending;
      pending = null;
      return once(head, plain.strip());
    }
    return Optional.empty();
  }

  /** {@code head} and {@code message}, unless the line before said the same. */
  private Optional<String> once(String head, String message) {
    String said = head.substring(head.indexOf(' ')) + message;
    if (said.equals(last)) {
      return Optional.empty();
    }
    last = said;
    return Optional.of(head + message);
  }

  private Optional<String> header(Matcher record) {
    inRecord = true;
    pending = null;
    String message = record.group(5).strip();
    bracketed = message.startsWith("[[");
    if (Integer.parseInt(record.group(4)) < Level.WARNING.intValue()) {
      return Optional.empty();
    }
    String head = record.group(1) + " " + record.group(2) + " [" + record.group(3) + "] ";
    if (message.startsWith("[[")) {
      message = message.substring(2).strip();
    }
    if (message.isEmpty()) {
      pending = head; // the message begins on the next line
      return Optional.empty();
    }
    return once(head, message);
  }
}
