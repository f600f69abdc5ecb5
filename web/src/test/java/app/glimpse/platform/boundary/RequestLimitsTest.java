package app.glimpse.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {

  /** A session as the container keeps one: attributes and an idle time, nothing else. */
  private static HttpSession session(int timeoutSeconds) {
    Map<String, Object> attributes = new HashMap<>();
    int[] timeout = {timeoutSeconds};
    return (HttpSession)
        Proxy.newProxyInstance(
            HttpSession.class.getClassLoader(),
            new Class<?>[] {HttpSession.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  case "getMaxInactiveInterval" -> timeout[0];
                  case "setMaxInactiveInterval" -> {
                    timeout[0] = (Integer) args[0];
                    yield null;
                  }
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void anAnonymousSessionIdlesOutSoonAndASignedInOneKeepsWebXmlsTime() {
    RequestLimits limits = new RequestLimits();
    limits.anonymousMinutes = 15;
    HttpSession session = session(240 * 60);
    limits.sessionCreated(new HttpSessionEvent(session));
    assertEquals(15 * 60, session.getMaxInactiveInterval(), "nobody signed in");
    RequestLimits.signedIn(session);
    assertEquals(240 * 60, session.getMaxInactiveInterval(), "signed in or inside a gallery");
  }
}
