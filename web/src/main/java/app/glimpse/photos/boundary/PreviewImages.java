package app.glimpse.photos.boundary;

import app.glimpse.delivery.boundary.Delivery;
import app.glimpse.events.boundary.Visitors;
import app.glimpse.photos.control.Previews;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /media/{event}/{photo}/thumb|preview}: the JPEG thumbnails and display previews made
 * at import, for the event's photographers (portal session) and its guests (gallery pass), who are
 * answered 404 for a photo the photographer hid. A preview never changes once written, so it is
 * cached for a year ({@code immutable}) and revalidated by its ETag; {@code private} because each
 * answer depends on who asks. Guests of an event with a watermark get the images of its current
 * watermark generation instead ({@link Delivery#guestImage}), under links that carry the generation
 * (the gallery's {@code ?v=}), so that what a browser cached is never mixed with a newer mark.
 */
@WebServlet("/media/*")
public class PreviewImages extends HttpServlet {

  private static final Pattern PATH = Pattern.compile("/(\\d{1,18})/(\\d{1,18})/(thumb|preview)");

  @Inject Visitors visitors;
  @Inject Previews previews;
  @EJB Photos photos;
  @EJB Delivery delivery;

  /** Where a photo's thumbnail is served, under {@code contextPath}. */
  public static String thumbnailLink(String contextPath, long eventId, long photoId) {
    return contextPath + "/media/" + eventId + "/" + photoId + "/thumb";
  }

  /** Where a photo's display preview is served, under {@code contextPath}. */
  public static String previewLink(String contextPath, long eventId, long photoId) {
    return contextPath + "/media/" + eventId + "/" + photoId + "/preview";
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Matcher matcher = PATH.matcher(String.valueOf(request.getPathInfo()));
    if (!matcher.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    long eventId = Long.parseLong(matcher.group(1));
    long photoId = Long.parseLong(matcher.group(2));
    Optional<Caller> caller = visitors.of(eventId);
    if (caller.isEmpty() || !photos.shows(caller.get(), eventId, photoId)) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    boolean thumb = "thumb".equals(matcher.group(3));
    Optional<Path> marked;
    try {
      marked = delivery.guestImage(caller.get(), eventId, photoId, thumb);
    } catch (ClientError missing) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    Path file =
        marked.orElseGet(
            () ->
                thumb ? previews.thumbnail(eventId, photoId) : previews.preview(eventId, photoId));
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException missing) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String etag =
        "\""
            + photoId
            + "-"
            + matcher.group(3)
            + "-"
            + Long.toHexString(attributes.lastModifiedTime().toMillis())
            + "-"
            + Long.toHexString(attributes.size())
            + "\"";
    response.setHeader("Cache-Control", "private, max-age=31536000, immutable");
    response.setHeader("ETag", etag);
    String known = request.getHeader("If-None-Match");
    if (known != null && (known.contains(etag) || known.strip().equals("*"))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setContentType("image/jpeg");
    response.setContentLengthLong(attributes.size());
    Files.copy(file, response.getOutputStream());
  }
}
