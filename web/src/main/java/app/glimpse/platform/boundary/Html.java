package app.glimpse.platform.boundary;

/** Text written into HTML by the servlets that write their own pages. */
public final class Html {

  private Html() {}

  /** {@code text} safe inside an element or a quoted attribute. */
  public static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
