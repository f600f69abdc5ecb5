package app.glimpse.platform.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds what a request may cost before anyone has signed in.
 *
 * <ul>
 *   <li>Bodies of JSON, forms and text (sign-in, settings, every Faces form) may be at most {@code
 *       glimpse.request.max-body-bytes} (1 MiB): a larger one is refused with 413 before it is
 *       read, in the API's JSON shape under {@code /api/} and as an error page elsewhere; a body
 *       without a length is cut off at that size. Photos and selfies (multipart, images) have
 *       limits of their own where they are read.
 *   <li>A session nobody has signed in to or entered a gallery with (every first view of a Faces
 *       page makes one, for its view state) lives {@code glimpse.session.anonymous-minutes} (15)
 *       without use instead of the 4 hours of web.xml; {@link #signedIn} gives it those back.
 * </ul>
 */
@WebFilter("/*")
@WebListener
public class RequestLimits extends HttpFilter implements HttpSessionListener {

  private static final long serialVersionUID = 1L;

  /** The session's idle time of web.xml, kept where a session gets it back. */
  private static final String FULL_TIMEOUT = RequestLimits.class.getName() + ".timeout";

  @Inject
  @ConfigProperty(name = "glimpse.request.max-body-bytes", defaultValue = "1048576")
  long maxBodyBytes;

  @Inject
  @ConfigProperty(name = "glimpse.session.anonymous-minutes", defaultValue = "15")
  int anonymousMinutes;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!bounded(request)) {
      chain.doFilter(request, response);
      return;
    }
    long length = request.getContentLengthLong();
    if (length > maxBodyBytes) {
      refuse(request, response);
      return;
    }
    chain.doFilter(length >= 0 ? request : new Bounded(request, maxBodyBytes), response);
  }

  /** Whether the body of {@code request} is of a kind this filter bounds. */
  private static boolean bounded(HttpServletRequest request) {
    String method = request.getMethod();
    if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
      return false;
    }
    String type = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
    return request.getContentType() == null
        || type.startsWith("application/json")
        || type.startsWith("application/x-www-form-urlencoded")
        || type.startsWith("text/");
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String message = "The request is larger than " + Math.max(1, maxBodyBytes / 1024) + " KiB.";
    String path = request.getRequestURI().substring(request.getContextPath().length());
    response.setHeader("Connection", "close");
    if (path.startsWith("/api/")) {
      response.setStatus(413);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write(
              Json.createObjectBuilder()
                  .add("error", "too_large")
                  .add("message", message)
                  .build()
                  .toString());
    } else {
      response.sendError(413, message);
    }
  }

  @Override
  public void sessionCreated(HttpSessionEvent created) {
    HttpSession session = created.getSession();
    session.setAttribute(FULL_TIMEOUT, session.getMaxInactiveInterval());
    session.setMaxInactiveInterval(Math.max(1, anonymousMinutes) * 60);
  }

  /**
   * Gives {@code session} the idle time of a signed-in photographer or a guest inside a gallery
   * (web.xml's), after a sign-in or an entered code.
   */
  public static void signedIn(HttpSession session) {
    if (session.getAttribute(FULL_TIMEOUT) instanceof Integer full) {
      session.setMaxInactiveInterval(full);
    }
  }

  /** A request whose body of unknown length is refused once it passes the limit. */
  private static final class Bounded extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                count(b < 0 ? 0 : 1);
                return b;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                count(Math.max(0, n));
                return n;
              }

              private void count(int n) {
                read += n;
                if (read > max) {
                  throw new ClientError(
                      413,
                      "too_large",
                      "The request is larger than " + Math.max(1, max / 1024) + " KiB.");
                }
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(
              getInputStream(),
              getCharacterEncoding() == null
                  ? StandardCharsets.UTF_8
                  : java.nio.charset.Charset.forName(getCharacterEncoding())));
    }
  }
}
