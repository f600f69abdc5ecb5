package app.glimpse.platform.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a {@code multipart/form-data} body part by part straight from the request stream, so that a
 * part of any size passes through a small buffer: into memory for a selfie, into a file for an
 * upload. Nothing is spooled anywhere else.
 */
public final class MultipartStream {

  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final long maxBytes;
  private final String tooLargeMessage;
  private long read;
  private final byte[] delimiter; // CRLF "--" boundary
  private final byte[] buffer = new byte[BUFFER];
  private int start;
  private int end;
  private boolean eof;
  private boolean finished;
  private boolean inBody;
  private boolean beforeFirst = true;

  /** One part's headers; its content follows with {@link #copyBody} or {@link #skipBody}. */
  public record Part(String name, String fileName, String contentType) {}

  private MultipartStream(InputStream in, byte[] boundary, long maxBytes, String tooLarge) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.tooLargeMessage = tooLarge;
    this.delimiter = new byte[boundary.length + 4];
    delimiter[0] = '\r';
    delimiter[1] = '\n';
    delimiter[2] = '-';
    delimiter[3] = '-';
    System.arraycopy(boundary, 0, delimiter, 4, boundary.length);
  }

  /**
   * A reader for the body of a request with {@code contentType}.
   *
   * @throws ClientError 400 when the content type is not multipart form data with a boundary
   */
  public static MultipartStream of(String contentType, InputStream body) {
    return new MultipartStream(body, boundary(contentType), Long.MAX_VALUE, "");
  }

  /**
   * A reader that refuses with 413 ({@code tooLargeMessage}) once more than {@code maxBytes} of the
   * body are read, whatever they are: preamble, delimiters, part headers or contents.
   *
   * @throws ClientError 400 when the content type is not multipart form data with a boundary
   */
  public static MultipartStream of(
      String contentType, InputStream body, long maxBytes, String tooLargeMessage) {
    return new MultipartStream(body, boundary(contentType), maxBytes, tooLargeMessage);
  }

  /**
   * The next part's headers, or null after the last part.
   *
   * @throws ClientError 400 when the body is not well-formed multipart
   */
  public Part next() throws IOException {
    if (finished) {
      return null;
    }
    if (inBody) {
      skipBody();
    } else if (beforeFirst) {
      skipPreamble();
    }
    ensure(2);
    if (end - start >= 2 && buffer[start] == '-' && buffer[start + 1] == '-') {
      finished = true;
      return null;
    }
    String headers = readHeaders();
    inBody = true;
    return part(headers);
  }

  /** Skips to just after the first delimiter, which has no line end before it. */
  private void skipPreamble() throws IOException {
    byte[] first = java.util.Arrays.copyOfRange(delimiter, 2, delimiter.length);
    fill();
    int at = indexOf(first, start);
    while (at < 0 && !eof && end < BUFFER) {
      fill();
      at = indexOf(first, start);
    }
    if (at < 0) {
      throw ClientError.badRequest("not_multipart", "The multipart body has no parts.");
    }
    start = at + first.length;
    beforeFirst = false;
  }

  /**
   * Copies the current part's content to {@code out}, at most {@code max} bytes.
   *
   * @return the bytes copied
   * @throws ClientError 413 when the part is larger than {@code max}
   */
  public long copyBody(OutputStream out, long max, String tooLargeMessage) throws IOException {
    long copied = 0;
    while (true) {
      int at = indexOf(delimiter, start);
      int until = at >= 0 ? at : Math.max(start, end - (delimiter.length - 1));
      int length = until - start;
      if (copied + length > max) {
        throw new ClientError(413, "too_large", tooLargeMessage);
      }
      if (out != null) {
        out.write(buffer, start, length);
      }
      copied += length;
      start = until;
      if (at >= 0) {
        start = at + delimiter.length;
        inBody = false;
        return copied;
      }
      if (eof) {
        throw ClientError.badRequest("bad_multipart", "The multipart body ends in the middle.");
      }
      compact();
      fill();
    }
  }

  /** Skips the current part's content. */
  public void skipBody() throws IOException {
    copyBody(null, Long.MAX_VALUE, "");
  }

  private String readHeaders() throws IOException {
    // the rest of the delimiter line, then headers up to an empty line
    byte[] blank = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(blank, start);
    while (at < 0) {
      if (eof || end - start >= BUFFER) {
        throw ClientError.badRequest("bad_multipart", "A multipart part has no end of headers.");
      }
      compact();
      fill();
      at = indexOf(blank, start);
    }
    String headers = new String(buffer, start, at - start, StandardCharsets.UTF_8);
    start = at + blank.length;
    return headers;
  }

  private static Part part(String headers) {
    String name = null;
    String fileName = null;
    String type = null;
    for (String line : headers.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-disposition:")) {
        name = parameter(line, "name");
        fileName = parameter(line, "filename");
      } else if (lower.startsWith("content-type:")) {
        type = line.substring("content-type:".length()).strip();
      }
    }
    return new Part(name, fileName, type);
  }

  private static String parameter(String line, String key) {
    for (String parameter : line.split(";")) {
      String p = parameter.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith(key + "=")) {
        String value = p.substring(key.length() + 1);
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
            ? value.substring(1, value.length() - 1)
            : value;
      }
    }
    return null;
  }

  private void ensure(int bytes) throws IOException {
    while (end - start < bytes && !eof) {
      compact();
      fill();
    }
  }

  private void compact() {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
  }

  private void fill() throws IOException {
    if (eof || end == buffer.length) {
      return;
    }
    int got = in.read(buffer, end, buffer.length - end);
    if (got < 0) {
      eof = true;
    } else {
      end += got;
      read += got;
      if (read > maxBytes) {
        throw new ClientError(413, "too_large", tooLargeMessage);
      }
    }
  }

  private int indexOf(byte[] needle, int from) {
    outer:
    for (int i = from; i <= end - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buffer[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] boundary(String contentType) {
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      String value = parameter(contentType, "boundary");
      if (value != null && !value.isEmpty() && value.length() <= 70) {
        return value.getBytes(StandardCharsets.ISO_8859_1);
      }
    }
    throw ClientError.badRequest(
        "not_multipart", "Send the files as multipart/form-data with a boundary.");
  }
}
