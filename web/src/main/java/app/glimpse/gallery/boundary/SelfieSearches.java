package app.glimpse.gallery.boundary;

import app.glimpse.access.boundary.ClientAddresses;
import app.glimpse.events.boundary.GuestPasses;
import app.glimpse.events.boundary.Visitors;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.platform.boundary.MemoryMultipart;
import app.glimpse.search.boundary.Search;
import app.glimpse.search.boundary.SearchResult;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /find/{event}[?face=n]}: the gallery's selfie search, for a guest holding the event's
 * pass in this session (or its photographer). The gallery's script posts the selfie as multipart
 * form data (part {@code selfie}); the answer is JSON, and the photos found are kept in {@link
 * GuestFinds} for the page to show and the ZIP download to read.
 *
 * <p>{@code POST /find/{event}?add=1}: "Add another photo of me". The selfie is added to the search
 * kept in {@link GuestFinds}, whose earlier selfies are gone: only their faces' embeddings are held
 * there, in memory, and handed back to {@link Search#combine}. Up to {@value Search#MAX_SELFIES}
 * selfies in all; any other search starts over with one.
 *
 * <p>Why a servlet of its own and not a Faces file upload: the Faces servlet parses multipart
 * through the container, which spools parts to temporary files (and PrimeFaces' uploader keeps them
 * as such). This servlet has no {@code @MultipartConfig}, so the container never parses the body;
 * it reads the raw stream into memory with the same bounded reader as the REST search ({@link
 * MemoryMultipart}) and hands the bytes to {@link Search}, which drops them. The API's endpoint
 * takes bearer tokens only, which a gallery guest does not have; this one takes the session. It
 * answers only requests carrying the header {@code X-Glimpse-Find}, which a cross-site form cannot
 * send (and the session cookie is SameSite=Lax), so it cannot be driven from another site.
 */
@WebServlet("/find/*")
public class SelfieSearches extends HttpServlet {
  /**
   * Looked up once: every {@code Json.createXxx} call looks the provider up again, scanning the
   * class path, which cost a tenth of the server's time under the load benchmark.
   */
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final Pattern PATH = Pattern.compile("/(\\d{1,18})");
  private static final Pattern FACE = Pattern.compile("(?:^|&)face=(\\d{1,2})(?:&|$)");
  private static final Pattern ADD = Pattern.compile("(?:^|&)add=1(?:&|$)");

  /**
   * Where the gallery's script sends a selfie of event {@code eventId}, under {@code contextPath}.
   */
  public static String link(String contextPath, long eventId) {
    return contextPath + "/find/" + eventId;
  }

  @EJB Search search;
  @Inject GuestPasses passes;
  @Inject GuestFinds finds;
  @Inject Visitors visitors;
  @Inject ClientAddresses clients;

  @Inject
  @ConfigProperty(name = "glimpse.search.max-selfie-bytes", defaultValue = "15000000")
  int maxSelfieBytes;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      Matcher path = PATH.matcher(String.valueOf(request.getPathInfo()));
      if (!path.matches() || request.getHeader("X-Glimpse-Find") == null) {
        throw ClientError.notFound("search");
      }
      long eventId = Long.parseLong(path.group(1));
      Caller caller = visitors.of(eventId).orElseThrow(() -> ClientError.notFound("event"));
      MemoryMultipart form =
          MemoryMultipart.read(
              request.getContentType(),
              request.getInputStream(),
              maxSelfieBytes + 64 * 1024,
              java.util.Set.of("selfie"),
              1);
      byte[] selfie = form.part("selfie");
      if (selfie == null || selfie.length == 0) {
        throw ClientError.badRequest("missing_selfie", "Take a selfie or choose a photo first.");
      }
      form.refuseUnknown();
      String query = String.valueOf(request.getQueryString());
      boolean add = ADD.matcher(query).find();
      List<float[]> earlier = List.of();
      if (add) {
        earlier = finds.selfieFaces(eventId);
        if (earlier.isEmpty() || finds.in(eventId).isEmpty()) {
          throw ClientError.conflict(
              "no_search_to_add_to",
              "Your earlier search is no longer held here, so this photo cannot be added to it."
                  + " Search again with one photo, then add more.");
        }
      }
      Matcher face = FACE.matcher(query);
      Integer faceIndex = !add && face.find() ? Integer.valueOf(face.group(1)) : null;
      Search.Combined searched =
          search.combine(caller, clients.of(request), eventId, earlier, selfie, faceIndex);
      GuestFinds.Found found = finds.keep(eventId, searched, add);
      write(response, 200, answer(searched.result(), found));
    } catch (ClientError refused) {
      write(
          response,
          refused.status(),
          JSON.createObjectBuilder()
              .add("error", refused.error())
              .add("message", refused.getMessage())
              .build());
    }
  }

  private static JsonObject answer(SearchResult result, GuestFinds.Found found) {
    JsonArrayBuilder faces = JSON.createArrayBuilder();
    for (SearchResult.SelfieFace face : result.faces()) {
      JsonObjectBuilder one =
          JSON.createObjectBuilder()
              .add("index", face.index())
              .add("usable", face.usable())
              .add(
                  "box",
                  JSON.createObjectBuilder()
                      .add("x", face.box().x())
                      .add("y", face.box().y())
                      .add("width", face.box().width())
                      .add("height", face.box().height()));
      if (face.problem() != null) {
        one.add("problem", face.problem());
      }
      faces.add(one);
    }
    JsonObjectBuilder answer =
        JSON.createObjectBuilder()
            .add("photos", found.photos().size())
            .add("usedFace", result.usedFace())
            .add("faces", faces)
            .add("selfies", result.selfies());
    if (result.note() != null) {
      answer.add("note", result.note());
    }
    return answer.build();
  }

  private static void write(HttpServletResponse response, int status, JsonObject body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(body.toString());
  }
}
