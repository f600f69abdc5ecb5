package app.glimpse.favourites.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /studio/favourites/{event}.csv} and {@code .txt}: the studio's downloads of an event's
 * favourites (the CSV, and the file names for Lightroom's or Capture One's filename filter), for a
 * photographer signed in to the studio (the {@code /studio/*} constraint of web.xml), the same
 * exports as the API's {@code ?format=csv} and {@code ?format=lightroom}.
 */
@WebServlet("/studio/favourites/*")
public class FavouritesExports extends HttpServlet {

  private static final Pattern PATH = Pattern.compile("/(\\d{1,18})\\.(csv|txt)");

  @EJB Favourites favourites;
  @Inject Callers callers;

  /** The CSV of event {@code eventId}'s favourites, under {@code contextPath}. */
  public static String csvLink(String contextPath, long eventId) {
    return contextPath + "/studio/favourites/" + eventId + ".csv";
  }

  /** The file names of event {@code eventId}'s favourites, under {@code contextPath}. */
  public static String fileNamesLink(String contextPath, long eventId) {
    return contextPath + "/studio/favourites/" + eventId + ".txt";
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Matcher path = PATH.matcher(String.valueOf(request.getPathInfo()));
    if (!path.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    long eventId = Long.parseLong(path.group(1));
    boolean csv = path.group(2).equals("csv");
    String body;
    try {
      body =
          csv
              ? favourites.csv(callers.current(), eventId)
              : favourites.fileNames(callers.current(), eventId, null);
    } catch (ClientError refused) {
      response.sendError(refused.status());
      return;
    }
    response.setContentType(csv ? "text/csv" : "text/plain");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "private, no-store");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"favourites-" + eventId + (csv ? ".csv" : "-file-names.txt") + "\"");
    response.getWriter().write(body);
  }
}
