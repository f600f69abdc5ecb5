package app.glimpse.access.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Marks the session cookie {@code Secure} when {@code glimpse.secure-cookies} is on. Payara sets
 * the flag only on requests that reached it over TLS; behind a proxy that ends TLS (Caddy in
 * docker/compose.yaml) every request arrives over plain HTTP, so the cookie would go out without it
 * and a browser would send it over plain HTTP too. The flag cannot come from {@code web.xml} or
 * {@code payara-web.xml}, which are fixed at build time, and trusting {@code X-Forwarded-Proto}
 * would let anyone who reaches the node directly claim TLS; so it is a setting of the installation.
 * It is applied while the application starts, the last moment the servlet API allows.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(SessionCookies.class.getName());

  @Inject
  @ConfigProperty(name = "glimpse.secure-cookies", defaultValue = "false")
  boolean secure;

  @Override
  public void contextInitialized(ServletContextEvent started) {
    if (secure) {
      started.getServletContext().getSessionCookieConfig().setSecure(true);
      LOG.log(Level.INFO, "Session cookies are marked Secure (glimpse.secure-cookies)");
    }
  }
}
