package app.glimpse.gallery.boundary;

import app.glimpse.access.boundary.ClientAddresses;
import app.glimpse.delivery.boundary.Delivery;
import app.glimpse.delivery.boundary.DownloadPins;
import app.glimpse.delivery.boundary.DownloadTerms;
import app.glimpse.delivery.entity.DownloadRule;
import app.glimpse.events.boundary.GuestPasses;
import app.glimpse.events.boundary.Visitors;
import app.glimpse.imports.boundary.Originals;
import app.glimpse.platform.boundary.Attachments;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.platform.boundary.MinimumRateOutputStream;
import app.glimpse.platform.boundary.PerKeyLimit;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Full-size downloads for the event's guests (gallery pass in the session) and its photographers
 * (studio session):
 *
 * <ul>
 *   <li>{@code GET /download/{event}/{photo}}: one original, streamed from its source (server
 *       folder, upload folder or Drive) to the response through a small buffer.
 *   <li>{@code GET /download/{event}/your-photos.zip}: the guest's "Your photos" (the last selfie
 *       search of this session, minus "not me") as one ZIP, written entry by entry with {@link
 *       ZipOutputStream} straight into the response: never built in memory, no temporary file.
 *       JPEGs do not shrink, so entries are stored without compression (cheap on the CPU). An
 *       original that cannot be read is left out and named in {@code not-included.txt}.
 * </ul>
 *
 * Both follow the event's delivery rules ({@link Delivery}): for guests nothing with "none", the
 * web size (2048 px JPEG, watermarked if the studio says so) instead of the original with "web",
 * and only after the download PIN was entered in this session ({@link DownloadPins}) when the event
 * has one (403 otherwise); staff always get the originals. Both are attachments. At most {@code
 * glimpse.download.max-zip-photos} photos per ZIP and {@code glimpse.download.max-zips} ZIPs
 * written at once on a node (503 beyond), so that downloads cannot take every request thread; of
 * those, one per guest session and {@code glimpse.download.zips-per-client} per client address (429
 * beyond), so that a few guests cannot take every place; and a ZIP whose client reads slower than
 * {@code glimpse.download.min-bytes-per-second} (after {@code glimpse.download.slow-grace-seconds}
 * of waiting for it) is ended, giving its place back.
 */
@WebServlet("/download/*")
public class Downloads extends HttpServlet {

  private static final Logger log = Logger.getLogger(Downloads.class.getName());
  private static final Pattern PHOTO = Pattern.compile("/(\\d{1,18})/(\\d{1,18})");
  private static final Pattern ZIP = Pattern.compile("/(\\d{1,18})/your-photos\\.zip");

  /** Where a photo's original is downloaded, under {@code contextPath}. */
  public static String originalLink(String contextPath, long eventId, long photoId) {
    return contextPath + "/download/" + eventId + "/" + photoId;
  }

  /** Where a guest downloads the photos they found in one ZIP, under {@code contextPath}. */
  public static String zipLink(String contextPath, long eventId) {
    return contextPath + "/download/" + eventId + "/your-photos.zip";
  }

  @EJB Originals originals;
  @EJB Delivery delivery;
  @Inject DownloadPins pins;
  @Inject GuestPasses passes;
  @Inject GuestFinds finds;
  @Inject Visitors visitors;

  @Inject
  @ConfigProperty(name = "glimpse.download.max-zip-photos", defaultValue = "2000")
  int maxZipPhotos;

  @Inject
  @ConfigProperty(name = "glimpse.download.max-zips", defaultValue = "4")
  int maxZips;

  @Inject
  @ConfigProperty(name = "glimpse.download.zips-per-client", defaultValue = "2")
  int zipsPerClient;

  @Inject
  @ConfigProperty(name = "glimpse.download.min-bytes-per-second", defaultValue = "32768")
  long minBytesPerSecond;

  @Inject
  @ConfigProperty(name = "glimpse.download.slow-grace-seconds", defaultValue = "30")
  int slowGraceSeconds;

  @Inject ClientAddresses clients;

  private Semaphore zips;
  private PerKeyLimit perSession;
  private PerKeyLimit perClient;

  @Override
  public void init() {
    zips = new Semaphore(Math.max(1, maxZips));
    perSession = new PerKeyLimit(1);
    perClient = new PerKeyLimit(Math.max(1, zipsPerClient));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = String.valueOf(request.getPathInfo());
    Matcher photo = PHOTO.matcher(path);
    Matcher zip = ZIP.matcher(path);
    if (photo.matches()) {
      photo(request, response, Long.parseLong(photo.group(1)), Long.parseLong(photo.group(2)));
    } else if (zip.matches()) {
      zip(request, response, Long.parseLong(zip.group(1)));
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private void photo(
      HttpServletRequest request, HttpServletResponse response, long eventId, long photoId)
      throws IOException {
    Optional<Caller> caller = visitors.of(eventId);
    if (caller.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    boolean pinChecked = pins.unlocked(eventId);
    try {
      if (delivery.terms(caller.get(), eventId).downloads() == DownloadRule.WEB) {
        Delivery.WebImage web = delivery.web(caller.get(), eventId, photoId, pinChecked);
        attachment(response, "image/jpeg", ZipEntryNames.safe(web.fileName(), photoId));
        response.setContentLength(web.jpeg().length);
        response.getOutputStream().write(web.jpeg());
        return;
      }
      Originals.Original original = delivery.original(caller.get(), eventId, photoId, pinChecked);
      try (InputStream in = original.content()) {
        String name = ZipEntryNames.safe(original.fileName(), photoId);
        attachment(response, Originals.contentType(name), name);
        in.transferTo(response.getOutputStream());
      }
    } catch (ClientError refused) {
      response.sendError(refused.status(), refused.getMessage());
    }
  }

  private static void attachment(HttpServletResponse response, String type, String name) {
    response.setContentType(type);
    response.setHeader("Content-Disposition", Attachments.header(name));
    response.setHeader("Cache-Control", "private, no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
  }

  private void zip(HttpServletRequest request, HttpServletResponse response, long eventId)
      throws IOException {
    Optional<Caller> caller = visitors.of(eventId);
    Optional<GuestFinds.Found> found = finds.in(eventId);
    if (caller.isEmpty() || found.isEmpty() || found.get().photos().isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    DownloadTerms terms = delivery.terms(caller.get(), eventId);
    if (!terms.any()) {
      response.sendError(
          HttpServletResponse.SC_FORBIDDEN,
          "The photographer does not offer downloads from this gallery.");
      return;
    }
    if (terms.pinRequired() && !pins.unlocked(eventId)) {
      response.sendError(
          HttpServletResponse.SC_FORBIDDEN, "Downloads from this gallery need the download PIN.");
      return;
    }
    boolean webSize = terms.downloads() == DownloadRule.WEB;
    List<Originals.OriginalFile> files =
        originals.files(caller.get(), eventId, found.get().photoIds());
    if (files.size() > maxZipPhotos) {
      response.sendError(
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "At most " + maxZipPhotos + " photos fit in one download.");
      return;
    }
    String session = request.getSession().getId();
    String client = clients.of(request);
    if (!perSession.tryAcquire(session)) {
      response.setHeader("Retry-After", "30");
      response.sendError(
          429, "Your download is still running; wait for it to finish before starting another.");
      return;
    }
    try {
      if (!perClient.tryAcquire(client)) {
        response.setHeader("Retry-After", "30");
        response.sendError(
            429, "Other downloads from your network are running; try again when they finish.");
        return;
      }
      try {
        if (!zips.tryAcquire()) {
          response.setHeader("Retry-After", "30");
          response.sendError(
              HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Many downloads are running; try again.");
          return;
        }
        try {
          String slug = passes.slugOf(eventId).orElse("event-" + eventId);
          response.setContentType("application/zip");
          response.setHeader("Content-Disposition", Attachments.header(slug + "-your-photos.zip"));
          response.setHeader("Cache-Control", "private, no-store");
          writeZip(
              caller.get(),
              eventId,
              files,
              webSize,
              new MinimumRateOutputStream(
                  response.getOutputStream(),
                  minBytesPerSecond,
                  Duration.ofSeconds(slowGraceSeconds)));
        } catch (MinimumRateOutputStream.TooSlow slow) {
          log.log(
              Level.INFO,
              "ZIP of event {0} ended: the client read {1}",
              new Object[] {eventId, slow.getMessage()});
        } finally {
          zips.release();
        }
      } finally {
        perClient.release(client);
      }
    } finally {
      perSession.release(session);
    }
  }

  private void writeZip(
      Caller caller,
      long eventId,
      List<Originals.OriginalFile> files,
      boolean webSize,
      OutputStream out)
      throws IOException {
    ZipEntryNames names = new ZipEntryNames();
    List<String> missing = new ArrayList<>();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      for (Originals.OriginalFile file : files) {
        if (webSize) {
          Delivery.WebImage web;
          try {
            web = delivery.web(caller, eventId, file.photoId(), true);
          } catch (ClientError unavailable) {
            missing.add(file.fileName() + ": " + unavailable.getMessage());
            continue;
          }
          zip.putNextEntry(new ZipEntry(names.next(web.fileName(), file.photoId())));
          zip.write(web.jpeg());
          zip.closeEntry();
          continue;
        }
        Originals.Original original;
        try {
          original = delivery.original(caller, eventId, file.photoId(), true);
        } catch (ClientError unavailable) {
          missing.add(file.fileName() + ": " + unavailable.getMessage());
          continue;
        }
        try (InputStream in = original.content()) {
          zip.putNextEntry(new ZipEntry(names.next(file.fileName(), file.photoId())));
          in.transferTo(zip);
          zip.closeEntry();
        }
      }
      if (!missing.isEmpty()) {
        log.log(
            Level.INFO,
            "ZIP of event {0}: {1} originals left out",
            new Object[] {eventId, missing.size()});
        zip.putNextEntry(new ZipEntry(names.next("not-included.txt", 0)));
        zip.write(
            ("These photos could not be read and are not in this download:\n"
                    + String.join("\n", missing)
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
  }
}
