package app.glimpse.health;

import app.glimpse.faces.FaceEngine;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.servlet.ServletContext;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the web application has started, which comes after the schema migration and the other
 * start-up beans; health checks alone are registered earlier, while the deployment may still fail.
 * Also loads the face models in the background at that moment, so that the first import or search
 * does not pay for it.
 *
 * <p>Says so too as the management bean {@code app.glimpse:type=Application} ({@link
 * ApplicationMXBean}), which the server's readiness gate asks: until Glimpse's checks exist, the
 * gate's check is what keeps {@code /health/ready} from answering UP.
 */
@Readiness
@ApplicationScoped
public class ApplicationReadiness implements HealthCheck, ApplicationMXBean {

  private static final Logger LOG = Logger.getLogger(ApplicationReadiness.class.getName());

  static final String NAME = "app.glimpse:type=Application";

  private final AtomicBoolean started = new AtomicBoolean();

  @Resource ManagedExecutorService executor;

  /** Got in the background task, so that an engine that cannot be made fails only that task. */
  @Inject Provider<FaceEngine> engine;

  void onStart(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
    started.set(true);
    register();
    executor.execute(() -> engine.get().check());
  }

  @PreDestroy
  void stop() {
    started.set(false);
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName(NAME);
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (JMException e) {
      LOG.log(Level.WARNING, "Cannot unregister " + NAME, e);
    }
  }

  @Override
  public boolean isStarted() {
    return started.get();
  }

  /** Registers this application's state, in place of a deployment before it that left its own. */
  private void register() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName(NAME);
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      ApplicationMXBean state = this::isStarted;
      server.registerMBean(new StandardMBean(state, ApplicationMXBean.class, true), name);
    } catch (JMException e) {
      LOG.log(Level.WARNING, "Cannot register " + NAME + "; /health/ready stays DOWN", e);
    }
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("application").status(started.get()).build();
  }
}
