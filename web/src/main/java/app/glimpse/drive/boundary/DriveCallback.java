package app.glimpse.drive.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code GET /studio/drive/callback}: where Google's redirect ({@code /api/v1/drive/callback})
 * ends, in the portal. It lies under {@code /studio}, so a browser without a portal session signs
 * in first and comes back; then the Drive is connected only if this browser's photographer is the
 * one who asked for the consent ({@link DriveAccounts#callback}), and the browser goes back to the
 * page Drive was connected from with {@code drive=connected} or {@code drive=<error>}.
 */
@WebServlet(DriveCallback.PATH)
public class DriveCallback extends HttpServlet {

  static final String PATH = "/studio/drive/callback";

  @EJB DriveAccounts accounts;
  @Inject Callers callers;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String home = request.getContextPath() + returnTo(request);
    String outcome;
    try {
      accounts.callback(
          callers.current(),
          request.getParameter("code"),
          request.getParameter("state"),
          request.getParameter("error"));
      outcome = "drive=connected";
    } catch (ClientError refused) {
      outcome = "drive=" + refused.error();
    }
    response.setHeader("Cache-Control", "no-store");
    response.sendRedirect(home + (home.contains("?") ? "&" : "?") + outcome);
  }

  /**
   * Where the portal asked to come back to after Google's consent (the event page the photographer
   * connected Drive from), taken from the session once; {@code /} otherwise. Only studio paths.
   */
  private static String returnTo(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object path = session == null ? null : session.getAttribute(DriveResource.RETURN_TO);
    if (session != null) {
      session.removeAttribute(DriveResource.RETURN_TO);
    }
    return path instanceof String p && p.matches("/studio/event\\.xhtml\\?id=\\d{1,18}") ? p : "/";
  }
}
