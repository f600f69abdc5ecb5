package app.glimpse.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date before anything else runs, with the versioned migrations in
 * {@code db/migration}. A database that is still starting (the embedded one boots beside the
 * server) is waited for.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Schema {

  private static final Logger LOG = Logger.getLogger(Schema.class.getName());
  private static final Duration DATABASE_WAIT = Duration.ofSeconds(90);

  @Resource(lookup = "jdbc/glimpse")
  DataSource dataSource;

  @PostConstruct
  void migrate() {
    awaitDatabase();
    MigrateResult result =
        Flyway.configure(Schema.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.log(
        Level.INFO,
        "Database schema at version {0} ({1} migrations applied)",
        new Object[] {result.targetSchemaVersion, result.migrationsExecuted});
  }

  private void awaitDatabase() {
    long deadline = System.nanoTime() + DATABASE_WAIT.toNanos();
    while (true) {
      try (Connection connection = dataSource.getConnection()) {
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The database is not reachable: " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "Waiting for the database: {0}", e.getMessage());
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(
              "Interrupted while waiting for the database", interrupted);
        }
      }
    }
  }
}
