package app.glimpse.platform.boundary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small {@code multipart/form-data} body held wholly in memory, for requests whose content must
 * never touch the disk (a selfie). Container multipart support spools large parts to temporary
 * files, so selfie search reads the raw body itself through {@link MultipartStream}, bounded in
 * size: everything read counts (preamble, delimiters, part headers and contents), and only so many
 * parts. Parts of other names (or none) are read past and never kept; the endpoint refuses them
 * with {@link #refuseUnknown()} after it has checked for the parts it needs, so that a form which
 * lacks its one required part says so rather than naming the stray part.
 */
public final class MemoryMultipart {

  private final Map<String, List<byte[]>> parts;
  private final Set<String> names;
  private final boolean strays;

  private MemoryMultipart(Map<String, List<byte[]>> parts, Set<String> names, boolean strays) {
    this.parts = parts;
    this.names = names;
    this.strays = strays;
  }

  /**
   * Reads and splits the body.
   *
   * @param names the part names the endpoint takes
   * @param maxParts most parts, of all names together
   * @throws ClientError 413 when the body is larger than {@code maxBytes}; 400 when it is not
   *     multipart form data or has more parts
   */
  public static MemoryMultipart read(
      String contentType, InputStream body, int maxBytes, Set<String> names, int maxParts) {
    String tooLarge =
        "The request is larger than "
            + Math.max(1, maxBytes / 1_000_000)
            + " MB; send a smaller photo.";
    MultipartStream stream = MultipartStream.of(contentType, body, maxBytes, tooLarge);
    Map<String, List<byte[]>> parts = new LinkedHashMap<>();
    int count = 0;
    boolean strays = false;
    try {
      for (MultipartStream.Part part = stream.next(); part != null; part = stream.next()) {
        if (++count > maxParts) {
          throw ClientError.badRequest(
              "too_many_parts", "This request takes at most " + maxParts + " parts.");
        }
        if (part.name() == null || !names.contains(part.name())) {
          strays = true;
          stream.copyBody(null, maxBytes, tooLarge);
          continue;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        stream.copyBody(content, maxBytes, tooLarge);
        parts.computeIfAbsent(part.name(), name -> new ArrayList<>()).add(content.toByteArray());
      }
    } catch (IOException e) {
      throw ClientError.badRequest("unreadable_body", "The request body could not be read.");
    }
    return new MemoryMultipart(parts, names, strays);
  }

  /**
   * Refuses a form that had a part without a name or of a name the endpoint does not take.
   *
   * @throws ClientError 400 {@code unknown_part} naming the parts the endpoint takes
   */
  public void refuseUnknown() {
    if (strays) {
      throw ClientError.badRequest(
          "unknown_part",
          "This request takes only parts named " + String.join(", ", sorted(names)) + ".");
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
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
