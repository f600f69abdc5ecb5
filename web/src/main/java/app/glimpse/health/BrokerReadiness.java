package app.glimpse.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when a JMS connection to the broker can be opened through the Artemis resource adapter. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

  @Resource(lookup = "jms/glimpse")
  ConnectionFactory connectionFactory;

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = connectionFactory.createConnection()) {
      return HealthCheckResponse.named("broker").up().build();
    } catch (Exception e) {
      return HealthCheckResponse.named("broker")
          .down()
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }
}
