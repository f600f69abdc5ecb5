package app.glimpse.platform.control;

/**
 * Makes text taken from a file (EXIF, XMP and IPTC values, file names, and reasons that quote them)
 * fit to be stored and shown: without NUL and other control characters, without unpaired UTF-16
 * surrogates or non-characters, without the bidirectional controls that make a name read other than
 * it is, and no longer than its column holds. PostgreSQL refuses a NUL in any text and a value
 * longer than its {@code varchar(n)}; a photo's row refused for its camera make once held its
 * import RUNNING for ever.
 *
 * <p>Lengths count UTF-16 units, so a value that fits here fits a {@code varchar(n)} (which counts
 * characters); a cut never splits a surrogate pair, and ends with an ellipsis.
 */
public final class FileTexts {

  /** Marks a value that was cut to fit. */
  static final String CUT = "\u2026";

  /** Characters of a name's end (its extension, say) that a cut name keeps. */
  static final int NAME_TAIL = 40;

  private FileTexts() {}

  /**
   * {@code value} cleaned (control characters and runs of white space become one space, invalid
   * characters go), trimmed, and cut to {@code maxLength}; {@code null} when nothing is left.
   */
  public static String clean(String value, int maxLength) {
    if (value == null) {
      return null;
    }
    String cleaned = strip(value);
    return cleaned.isEmpty() ? null : cut(cleaned, maxLength);
  }

  /**
   * A file's name, cleaned like {@link #clean} and cut in its middle, so that the start and the
   * extension stay; {@code "unnamed"} when nothing is left.
   */
  public static String name(String value, int maxLength) {
    String cleaned = value == null ? "" : strip(value);
    if (cleaned.isEmpty()) {
      return "unnamed";
    }
    if (cleaned.length() <= maxLength) {
      return cleaned;
    }
    int tail = Math.min(NAME_TAIL, maxLength / 3);
    int tailStart = cleaned.length() - tail;
    if (Character.isLowSurrogate(cleaned.charAt(tailStart))) {
      tailStart++;
    }
    String end = cleaned.substring(tailStart);
    return cut(cleaned.substring(0, tailStart), maxLength - end.length()) + end;
  }

  /**
   * {@code value} with only what PostgreSQL cannot store taken out (NUL, unpaired surrogates),
   * nothing else changed: for identifiers such as a source's file id, which must stay as they are.
   */
  public static String storable(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
                  && i + 1 < value.length()
                  && Character.isLowSurrogate(value.charAt(i + 1))
              || Character.isLowSurrogate(c)
                  && i > 0
                  && Character.isHighSurrogate(value.charAt(i - 1));
      boolean bad = c == 0 || Character.isSurrogate(c) && !paired;
      if (bad && out == null) {
        out = new StringBuilder(value.length()).append(value, 0, i);
      }
      if (!bad && out != null) {
        out.append(c);
      }
    }
    return out == null ? value : out.toString();
  }

  private static String strip(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), 1024));
    boolean space = false;
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      int codePoint;
      int width;
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        codePoint = Character.toCodePoint(c, value.charAt(i + 1));
        width = 2;
      } else if (Character.isSurrogate(c)) {
        i++; // unpaired: not a character
        continue;
      } else {
        codePoint = c;
        width = 1;
      }
      i += width;
      if (Character.isWhitespace(codePoint)
          || Character.isSpaceChar(codePoint)
          || Character.getType(codePoint) == Character.CONTROL) {
        space = codePoint != 0 || space; // a NUL joins what it separates
        continue;
      }
      if (invisible(codePoint)) {
        continue;
      }
      if (space && !out.isEmpty()) {
        out.append(' ');
      }
      space = false;
      out.appendCodePoint(codePoint);
    }
    return out.toString();
  }

  /** Non-characters and the controls of text direction (which can make "gpj.exe" read as such). */
  private static boolean invisible(int codePoint) {
    return (codePoint & 0xFFFE) == 0xFFFE
        || codePoint >= 0xFDD0 && codePoint <= 0xFDEF
        || codePoint >= 0x202A && codePoint <= 0x202E
        || codePoint >= 0x2066 && codePoint <= 0x2069
        || codePoint == 0x200E
        || codePoint == 0x200F
        || codePoint == 0x061C;
  }

  private static String cut(String value, int maxLength) {
    if (value.length() <= maxLength) {
      return value;
    }
    int end = Math.max(0, maxLength - CUT.length());
    if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end).stripTrailing() + CUT;
  }
}
