package app.glimpse.health;

import app.glimpse.faces.FaceEngine;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the web application has started, which comes after the schema migration and the other
 * start-up beans; health checks alone are registered earlier, while the deployment may still fail.
 * Also loads the face models in the background at that moment, so that the first import or search
 * does not pay for it.
 */
@Readiness
@ApplicationScoped
public class ApplicationReadiness implements HealthCheck {

  private final AtomicBoolean started = new AtomicBoolean();

  @Resource ManagedExecutorService executor;

  void onStart(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
    started.set(true);
    executor.execute(() -> FaceEngine.shared().check());
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("application").status(started.get()).build();
  }
}
