package app.glimpse.gallery.boundary;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names for the entries of a download ZIP, from the photos' own file names: only the last path
 * segment, no control characters or characters that some unzip tools or file systems misread
 * ({@code / \ : * ? " < > |}), no leading dots, at most 120 characters, and unique regardless of
 * case ({@code name (2).jpg}), so that no entry can escape the folder it is unpacked into or
 * overwrite another.
 */
final class ZipEntryNames {

  private static final Pattern UNSAFE = Pattern.compile("[\\p{Cntrl}/\\\\:*?\"<>|]+");
  private static final int MAX_LENGTH = 120;

  private final Set<String> used = new HashSet<>();

  /** A safe name for {@code fileName} that no earlier entry has. */
  String next(String fileName, long photoId) {
    String name = safe(fileName, photoId);
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String extension = dot > 0 ? name.substring(dot) : "";
    String candidate = name;
    for (int n = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
      candidate = stem + " (" + n + ")" + extension;
    }
    return candidate;
  }

  static String safe(String fileName, long photoId) {
    String name = fileName == null ? "" : fileName;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = UNSAFE.matcher(name).replaceAll("_").strip();
    name = name.replaceFirst("^[.\\s]+", "");
    if (name.isEmpty()) {
      name = "photo-" + photoId + ".jpg";
    }
    if (name.length() > MAX_LENGTH) {
      int dot = name.lastIndexOf('.');
      String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
      name = name.substring(0, MAX_LENGTH - extension.length()) + extension;
    }
    return name;
  }
}
