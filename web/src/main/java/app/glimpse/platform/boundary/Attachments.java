package app.glimpse.platform.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The {@code Content-Disposition} of a download, for the gallery's servlets and the API. */
public final class Attachments {

  private Attachments() {}

  /** An attachment header with an ASCII fallback name and the exact name (RFC 6266 / 5987). */
  public static String header(String name) {
    String ascii = name.replaceAll("[^A-Za-z0-9._() -]", "_");
    return "attachment; filename=\""
        + ascii
        + "\"; filename*=UTF-8''"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
