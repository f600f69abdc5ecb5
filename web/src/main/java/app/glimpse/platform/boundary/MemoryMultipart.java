package app.glimpse.platform.boundary;

import app.glimpse.platform.ClientError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small {@code multipart/form-data} body read wholly into memory, for requests whose content must
 * never touch the disk (a selfie). Container multipart support spools large parts to temporary
 * files, so selfie search reads the raw body itself, bounded in size.
 */
public final class MemoryMultipart {

  private final Map<String, byte[]> parts;

  private MemoryMultipart(Map<String, byte[]> parts) {
    this.parts = parts;
  }

  /**
   * Reads and splits the body.
   *
   * @throws ClientError 413 when the body is larger than {@code maxBytes}, 400 when it is not
   *     multipart form data
   */
  public static MemoryMultipart read(String contentType, InputStream body, int maxBytes) {
    byte[] boundary = boundary(contentType);
    byte[] bytes;
    try {
      bytes = body.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw ClientError.badRequest("unreadable_body", "The request body could not be read.");
    }
    if (bytes.length > maxBytes) {
      throw new ClientError(
          413,
          "too_large",
          "The request is larger than " + maxBytes / 1_000_000 + " MB; send a smaller photo.");
    }
    return new MemoryMultipart(split(bytes, boundary));
  }

  /** The content of the named part, if present. */
  public byte[] part(String name) {
    return parts.get(name);
  }

  /** The named part as text, if present. */
  public String text(String name) {
    byte[] part = parts.get(name);
    return part == null ? null : new String(part, StandardCharsets.UTF_8).strip();
  }

  private static byte[] boundary(String contentType) {
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      for (String parameter : contentType.split(";")) {
        String p = parameter.strip();
        if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
          String value = p.substring("boundary=".length());
          if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          if (!value.isEmpty() && value.length() <= 70) {
            return ("--" + value).getBytes(StandardCharsets.ISO_8859_1);
          }
        }
      }
    }
    throw ClientError.badRequest(
        "not_multipart", "Send the photo as multipart/form-data with a boundary.");
  }

  private static Map<String, byte[]> split(byte[] body, byte[] delimiter) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw ClientError.badRequest("not_multipart", "The multipart body has no parts.");
    }
    while (true) {
      int afterDelimiter = at + delimiter.length;
      if (startsWith(body, afterDelimiter, "--")) {
        return parts; // closing delimiter
      }
      int headersStart = skipLineEnd(body, afterDelimiter);
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        throw ClientError.badRequest("bad_multipart", "A multipart part has no end of headers.");
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      int next = indexOf(body, crlf(delimiter), contentStart);
      if (next < 0) {
        throw ClientError.badRequest("bad_multipart", "The multipart body ends in the middle.");
      }
      String name = name(headers);
      if (name != null && !parts.containsKey(name)) {
        parts.put(name, Arrays.copyOfRange(body, contentStart, next));
      }
      at = next + 2;
    }
  }

  private static String name(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        for (String parameter : line.split(";")) {
          String p = parameter.strip();
          if (p.toLowerCase(Locale.ROOT).startsWith("name=")) {
            String value = p.substring(5);
            return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                ? value.substring(1, value.length() - 1)
                : value;
          }
        }
      }
    }
    return null;
  }

  private static byte[] crlf(byte[] delimiter) {
    byte[] withLineEnd = new byte[delimiter.length + 2];
    withLineEnd[0] = '\r';
    withLineEnd[1] = '\n';
    System.arraycopy(delimiter, 0, withLineEnd, 2, delimiter.length);
    return withLineEnd;
  }

  private static int skipLineEnd(byte[] body, int at) {
    while (at < body.length && (body[at] == ' ' || body[at] == '\t')) {
      at++;
    }
    if (startsWith(body, at, "\r\n")) {
      return at + 2;
    }
    throw ClientError.badRequest(
        "bad_multipart", "A multipart delimiter is not followed by a line end.");
  }

  private static boolean startsWith(byte[] body, int at, String text) {
    if (at + text.length() > body.length) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (body[at + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] body, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= body.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (body[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
