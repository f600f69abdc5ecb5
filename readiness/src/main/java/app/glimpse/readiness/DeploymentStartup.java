package app.glimpse.readiness;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Not started until Glimpse has started, for a startup probe on {@code /health/started}. */
@Startup
@ApplicationScoped
public class DeploymentStartup implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    return Deployment.check();
  }
}
