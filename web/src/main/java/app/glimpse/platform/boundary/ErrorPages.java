package app.glimpse.platform.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The error pages of web.xml: for {@code /api/*} the API's JSON error shape (the bodies in {@code
 * WEB-INF/errors/*.json}), for the studio, the gallery and everything else a plain HTML page a
 * person can read. One location serves both because web.xml maps error pages by status and
 * exception type only, never by path. No stack trace or exception message ever reaches the page;
 * only the reasons Glimpse's own servlets give for 409, 413 and 503 are shown.
 */
@WebServlet("/error-page")
public class ErrorPages extends HttpServlet {

  private static final Map<Integer, String> TITLES =
      Map.of(
          400, "This request is not valid",
          401, "Please sign in",
          403, "This is not for you",
          404, "Nothing here",
          409, "This cannot be done now",
          413, "Too large",
          503, "Busy right now");

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer number ? number : 500;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path =
        uri == null
            ? ""
            : uri.toString()
                .substring(Math.min(uri.toString().length(), request.getContextPath().length()));
    response.setStatus(status);
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    if (path.startsWith("/api/")) {
      json(response, status);
    } else {
      html(request, response, status, path);
    }
  }

  private void json(HttpServletResponse response, int status) throws IOException {
    response.setContentType("application/json");
    String generic =
        switch (status) {
          case 400 -> "{\"error\":\"bad_request\",\"message\":\"This request is not valid.\"}";
          case 404 -> "{\"error\":\"not_found\",\"message\":\"No such resource.\"}";
          case 409 -> "{\"error\":\"conflict\",\"message\":\"This cannot be done now.\"}";
          case 413 -> "{\"error\":\"too_large\",\"message\":\"The request is too large.\"}";
          case 503 -> "{\"error\":\"unavailable\",\"message\":\"Busy; try again shortly.\"}";
          default -> null;
        };
    if (generic != null) {
      response.getWriter().write(generic);
      return;
    }
    String file = status == 401 || status == 403 ? status + ".json" : "500.json";
    try (InputStream body = getServletContext().getResourceAsStream("/WEB-INF/errors/" + file)) {
      body.transferTo(response.getOutputStream());
    }
  }

  private static void html(
      HttpServletRequest request, HttpServletResponse response, int status, String path)
      throws IOException {
    response.setContentType("text/html");
    String title = TITLES.getOrDefault(status, "Something went wrong");
    String reason =
        switch (status) {
          case 409, 413, 503 ->
              String.valueOf(request.getAttribute(RequestDispatcher.ERROR_MESSAGE));
          case 404 -> "This page or photo does not exist, or you cannot see it.";
          case 401, 403 -> "You need to sign in or open the gallery with its code first.";
          default -> "Glimpse could not answer this request. Please try again in a moment.";
        };
    boolean studio = path.startsWith("/studio/");
    String home = request.getContextPath() + (studio ? "/studio/events.xhtml" : "/");
    PrintWriter out = response.getWriter();
    out.write(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>"
            + Html.escape(title)
            + " · Glimpse</title><link rel=\"icon\" type=\"image/svg+xml\" href=\""
            + request.getContextPath()
            + "/favicon.svg\"><link rel=\"stylesheet\" href=\""
            + request.getContextPath()
            + "/jakarta.faces.resource/glimpse.css.xhtml?ln=glimpse\"></head><body class=\"error\">"
            + "<main class=\"page\"><section class=\"card narrow\"><p class=\"meta\">Error "
            + status
            + "</p><h1 id=\"errorTitle\">"
            + Html.escape(title)
            + "</h1><p>"
            + Html.escape(reason)
            + "</p><p><a href=\"javascript:history.back()\">Go back</a> · <a href=\""
            + Html.escape(home)
            + "\">"
            + (studio ? "Your events" : "Glimpse home")
            + "</a></p></section></main></body></html>");
  }
}
