package app.glimpse.platform.boundary;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses text responses (pages, Ajax answers, scripts, style sheets, JSON, SVG) with gzip for
 * clients that accept it. PrimeFaces' scripts and style sheets are most of what a guest's phone
 * loads on a first visit: about 1.3 MB as they are, under a quarter of that compressed. Photos,
 * previews and ZIP files are sent as they are (compressing them again gains nothing). The decision
 * is made when the first byte is written, from the content type the response has by then.
 */
@WebFilter(
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD})
public class Compression extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /**
   * Set once a request's response is wrapped. The order of filters declared by annotation is not
   * defined: a filter before this one that forwards (the gallery's short links) skips it for the
   * request, so it runs on the forward too, and only once either way.
   */
  private static final String WRAPPED = Compression.class.getName() + ".wrapped";

  /** Content types worth compressing, without parameters. */
  static final Set<String> TEXT =
      Set.of(
          "text/html",
          "text/css",
          "text/javascript",
          "text/plain",
          "text/xml",
          "application/javascript",
          "application/x-javascript",
          "application/json",
          "application/xml",
          "application/xhtml+xml",
          "image/svg+xml");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if ("HEAD".equals(request.getMethod())
        || !acceptsGzip(request)
        || request.getAttribute(WRAPPED) != null) {
      chain.doFilter(request, response);
      return;
    }
    request.setAttribute(WRAPPED, Boolean.TRUE);
    response.addHeader("Vary", "Accept-Encoding");
    Gzipped gzipped = new Gzipped(response);
    try {
      chain.doFilter(request, gzipped);
    } finally {
      if (request.isAsyncStarted()) {
        request.getAsyncContext().addListener(new FinishOnComplete(gzipped));
      } else {
        gzipped.finish();
      }
    }
  }

  /** Whether the request's {@code Accept-Encoding} names gzip with a weight above zero. */
  static boolean acceptsGzip(HttpServletRequest request) {
    String accepted = request.getHeader("Accept-Encoding");
    if (accepted == null) {
      return false;
    }
    for (String part : accepted.split(",")) {
      String[] coding = part.trim().split(";");
      String name = coding[0].trim().toLowerCase(Locale.ROOT);
      if (name.equals("gzip") || name.equals("x-gzip")) {
        for (int i = 1; i < coding.length; i++) {
          String parameter = coding[i].trim().replace(" ", "");
          if (parameter.startsWith("q=")) {
            try {
              return Double.parseDouble(parameter.substring(2)) > 0;
            } catch (NumberFormatException e) {
              return false;
            }
          }
        }
        return true;
      }
    }
    return false;
  }

  /** Whether a response of {@code contentType} is compressed. */
  static boolean compressible(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon));
    return TEXT.contains(type.trim().toLowerCase(Locale.ROOT));
  }

  /** A response whose body goes through gzip once its first byte shows it is text. */
  static final class Gzipped extends HttpServletResponseWrapper {

    private Boolean compressing;
    private long length = -1;
    private GZIPOutputStream gzip;
    private ServletOutputStream stream;
    private PrintWriter writer;

    Gzipped(HttpServletResponse response) {
      super(response);
    }

    /** Decides, once, whether the body is compressed: at its first byte. */
    private boolean compressing() {
      if (compressing == null) {
        int status = getStatus();
        compressing =
            compressible(getContentType())
                && getHeader("Content-Encoding") == null
                && status >= 200
                && status != 204
                && status != 304;
        if (compressing) {
          super.setHeader("Content-Encoding", "gzip");
        } else if (length >= 0) {
          super.setContentLengthLong(length);
        }
      }
      return compressing;
    }

    private java.io.OutputStream target() throws IOException {
      if (!compressing()) {
        return super.getOutputStream();
      }
      if (gzip == null) {
        gzip = new GZIPOutputStream(super.getOutputStream(), 8192, true);
      }
      return gzip;
    }

    @Override
    public void setContentLength(int len) {
      setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
      if (compressing == null) {
        length = len; // known only once the body starts
      } else if (!compressing) {
        super.setContentLengthLong(len);
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if ("Content-Length".equalsIgnoreCase(name)) {
        setContentLengthLong(Long.parseLong(value.trim()));
      } else {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if ("Content-Length".equalsIgnoreCase(name)) {
        setContentLengthLong(Long.parseLong(value.trim()));
      } else {
        super.addHeader(name, value);
      }
    }

    @Override
    public void setIntHeader(String name, int value) {
      if ("Content-Length".equalsIgnoreCase(name)) {
        setContentLengthLong(value);
      } else {
        super.setIntHeader(name, value);
      }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (writer != null) {
        throw new IllegalStateException("getWriter() was called before");
      }
      streamUsed = true;
      return body();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (writer == null) {
        if (streamUsed) {
          throw new IllegalStateException("getOutputStream() was called before");
        }
        writer = new PrintWriter(new OutputStreamWriter(body(), getCharacterEncoding()));
      }
      return writer;
    }

    private boolean streamUsed;

    /** The body: bytes written here go to gzip or, for other content, as they are. */
    private ServletOutputStream body() throws IOException {
      if (stream == null) {
        ServletOutputStream underlying = super.getOutputStream();
        stream =
            new ServletOutputStream() {
              @Override
              public void write(int b) throws IOException {
                target().write(b);
              }

              @Override
              public void write(byte[] bytes, int offset, int count) throws IOException {
                target().write(bytes, offset, count);
              }

              @Override
              public void flush() throws IOException {
                target().flush(); // decides first: a flush commits the headers
              }

              @Override
              public boolean isReady() {
                return underlying.isReady();
              }

              @Override
              public void setWriteListener(WriteListener listener) {
                underlying.setWriteListener(listener);
              }
            };
      }
      return stream;
    }

    @Override
    public void flushBuffer() throws IOException {
      compressing(); // decides first: a flush commits the headers
      if (writer != null) {
        writer.flush();
      }
      if (gzip != null) {
        gzip.flush();
      }
      super.flushBuffer();
    }

    @Override
    public void resetBuffer() {
      if (gzip != null) {
        throw new IllegalStateException("the compressed body has started");
      }
      super.resetBuffer();
      compressing = null;
    }

    @Override
    public void reset() {
      if (gzip != null) {
        throw new IllegalStateException("the compressed body has started");
      }
      super.reset();
      compressing = null;
      length = -1;
    }

    /** Writes what gzip still holds; the container closes the stream. */
    void finish() throws IOException {
      if (writer != null) {
        writer.flush();
      }
      if (Boolean.TRUE.equals(compressing) && gzip == null) {
        target(); // headers say gzip: an empty body is an empty gzip stream
      }
      if (gzip != null) {
        gzip.finish();
      } else if (compressing == null && length >= 0 && !isCommitted()) {
        super.setContentLengthLong(length); // no body was written: the length stands
      }
    }
  }

  /** Finishes an asynchronous response's gzip stream when the response completes. */
  private record FinishOnComplete(Gzipped response) implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) throws IOException {
      response.finish();
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }
}
