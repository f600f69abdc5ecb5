package app.glimpse.gallery.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Short gallery links: {@code /g/{slug}}, as printed and encoded in the QR code, shows the Faces
 * view {@code /g/gallery.xhtml?slug={slug}}.
 */
@WebFilter("/g/*")
public class GalleryLinks extends HttpFilter {

  private static final Pattern SLUG = Pattern.compile("/g/([a-z0-9][a-z0-9-]{0,79})/?");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    var slug = SLUG.matcher(path);
    if (slug.matches()) {
      request
          .getRequestDispatcher("/g/gallery.xhtml?slug=" + slug.group(1))
          .forward(request, response);
      return;
    }
    chain.doFilter(request, response);
  }
}
