package app.glimpse.health;

import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.ModelStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the face detector and embedder are loaded and have run once; names the models in use,
 * their licences and the search threshold calibrated for the embedder.
 */
@Readiness
@ApplicationScoped
public class FaceModelsReadiness implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    ModelStatus status;
    try {
      status = FaceEngine.shared().check();
    } catch (RuntimeException | LinkageError e) {
      return HealthCheckResponse.named("face-models")
          .down()
          .withData("error", String.valueOf(e))
          .build();
    }
    return HealthCheckResponse.named("face-models")
        .status(status.usable())
        .withData("detector", String.valueOf(status.detector()))
        .withData("embedder", String.valueOf(status.embedder()))
        .withData("licences", String.join("; ", FaceEngine.shared().modelLicences()))
        .withData("searchThreshold", String.valueOf(status.searchThreshold()))
        .withData("detail", String.valueOf(status.detail()))
        .build();
  }
}
