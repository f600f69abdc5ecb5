package app.glimpse.platform.control;

import app.glimpse.faces.FaceEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/**
 * Makes the face engine injectable: always the JVM-wide {@link FaceEngine#shared()}, never a second
 * engine, since its native libraries and models are loaded once per JVM. {@code @Singleton} rather
 * than {@code @ApplicationScoped} because the engine is a final class, which CDI cannot proxy; it
 * is never closed here, as it outlives a redeployment.
 */
@ApplicationScoped
public class FaceEngineProducer {

  /** Only as a {@code FaceEngine}, not as the {@code AutoCloseable} it also is. */
  @Produces
  @Singleton
  @Typed(FaceEngine.class)
  FaceEngine faceEngine() {
    return FaceEngine.shared();
  }
}
