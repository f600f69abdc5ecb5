package app.glimpse.readiness;

import java.lang.management.ManagementFactory;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether Glimpse's application has started, as it says through the JVM's management beans ({@code
 * app.glimpse:type=Application}, registered by the web application's {@code ApplicationReadiness}
 * once it has started): the only way between two applications of one server, which share no
 * classes.
 */
final class Deployment {

  /** The name of the check, in {@code /health/ready} and {@code /health/started}. */
  static final String CHECK = "deployment";

  static final String GLIMPSE = "app.glimpse:type=Application";

  private Deployment() {}

  static HealthCheckResponse check() {
    try {
      Object started =
          ManagementFactory.getPlatformMBeanServer()
              .getAttribute(new ObjectName(GLIMPSE), "Started");
      return Boolean.TRUE.equals(started)
          ? HealthCheckResponse.named(CHECK).up().build()
          : HealthCheckResponse.named(CHECK).down().withData("glimpse", "stopping").build();
    } catch (InstanceNotFoundException deploying) {
      return HealthCheckResponse.named(CHECK).down().withData("glimpse", "deploying").build();
    } catch (JMException | RuntimeException e) {
      return HealthCheckResponse.named(CHECK).down().withData("error", String.valueOf(e)).build();
    }
  }
}
