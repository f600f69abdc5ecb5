package app.glimpse.health;

import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.ModelStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
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

  /** Got at each check, so that an engine that cannot be made is reported as DOWN. */
  @Inject Provider<FaceEngine> engine;

  @Override
  public HealthCheckResponse call() {
    FaceEngine faces;
    ModelStatus status;
    try {
      faces = engine.get();
      status = faces.check();
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
        .withData("licences", String.join("; ", faces.modelLicences()))
        .withData("searchThreshold", String.valueOf(status.searchThreshold()))
        .withData("detail", String.valueOf(status.detail()))
        .build();
  }
}
