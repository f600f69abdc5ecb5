package app.glimpse.readiness;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until Glimpse has started: registered before any other application is deployed, so that
 * {@code /health/ready} never answers 200 while Glimpse deploys, or when it failed to.
 */
@Readiness
@ApplicationScoped
public class DeploymentReadiness implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    return Deployment.check();
  }
}
