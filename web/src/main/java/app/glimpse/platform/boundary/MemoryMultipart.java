package app.glimpse.platform.boundary;

import app.glimpse.platform.ClientError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small {@code multipart/form-data} body held wholly in memory, for requests whose content must
 * never touch the disk (a selfie). Container multipart support spools large parts to temporary
 * files, so selfie search reads the raw body itself through {@link MultipartStream}, bounded in
 * size.
 */
public final class MemoryMultipart {

  private final Map<String, List<byte[]>> parts;

  private MemoryMultipart(Map<String, List<byte[]>> parts) {
    this.parts = parts;
  }

  /**
   * Reads and splits the body.
   *
   * @throws ClientError 413 when the parts hold more than {@code maxBytes}, 400 when the body is
   *     not multipart form data
   */
  public static MemoryMultipart read(String contentType, InputStream body, int maxBytes) {
    MultipartStream stream = MultipartStream.of(contentType, body);
    Map<String, List<byte[]>> parts = new LinkedHashMap<>();
    long left = maxBytes;
    try {
      for (MultipartStream.Part part = stream.next(); part != null; part = stream.next()) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        left -=
            stream.copyBody(
                content,
                left,
                "The request is larger than "
                    + maxBytes / 1_000_000
                    + " MB; send a smaller photo.");
        if (part.name() != null) {
          parts.computeIfAbsent(part.name(), name -> new ArrayList<>()).add(content.toByteArray());
        }
      }
    } catch (IOException e) {
      throw ClientError.badRequest("unreadable_body", "The request body could not be read.");
    }
    return new MemoryMultipart(parts);
  }

  /** The content of the (first) part of that name, if present. */
  public byte[] part(String name) {
    List<byte[]> named = parts.get(name);
    return named == null ? null : named.get(0);
  }

  /** The contents of every part of that name, in the order they came; empty if there is none. */
  public List<byte[]> parts(String name) {
    return parts.getOrDefault(name, List.of());
  }

  /** The (first) part of that name as text, if present. */
  public String text(String name) {
    byte[] part = part(name);
    return part == null ? null : new String(part, StandardCharsets.UTF_8).strip();
  }
}
