package app.glimpse.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migrations against a real PostgreSQL: they apply, and the schema enforces the domain's rules.
 */
class MigrationsTest {

  static EmbeddedPostgres postgres;
  static DataSource dataSource;

  @BeforeAll
  static void migrate() throws Exception {
    postgres = EmbeddedPostgres.start();
    dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void createsTheDomainTables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    assertEquals(
        List.of(
            "drive_account",
            "drive_authorization",
            "event",
            "event_delivery",
            "face",
            "favourite",
            "favourite_guest",
            "favourite_guest_key",
            "person",
            "photo",
            "photo_import",
            "photo_set",
            "photo_set_member",
            "photographer",
            "proofing",
            "refresh_token",
            "source",
            "studio",
            "studio_logo"),
        tables);
  }

  @Test
  void aFileIsStoredAtMostOncePerEventSourceAndContent() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO studio VALUES (1001, 's', now())");
      statement.execute(
          "INSERT INTO event (id, studio_id, name, slug, created_at) VALUES (1001, 1001, 'e', 'e-1', now())");
      statement.execute("INSERT INTO source VALUES (1001, 1001, 'FOLDER', '/p', '/p', now())");
      String photo =
          "INSERT INTO photo (id, event_id, source_id, source_file_id, file_name, content_hash, status, created_at)"
              + " VALUES (%d, 1001, 1001, 'a.jpg', 'a.jpg', 'h1', 'INDEXED', now())";
      statement.execute(photo.formatted(1001));
      assertThrows(SQLException.class, () -> statement.execute(photo.formatted(1002)));
    }
  }

  @Test
  void aDriveConnectionGoesWithItsPhotographer() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO studio VALUES (3001, 's', now())");
      statement.execute(
          "INSERT INTO photographer VALUES (3001, 3001, 'dee@x.org', 'Dee', 'h', 'OWNER', now())");
      statement.execute(
          "INSERT INTO drive_account VALUES (3001, 'dee@gmail.test', 'sealed', now())");
      assertThrows(
          SQLException.class,
          () ->
              statement.execute(
                  "INSERT INTO drive_account VALUES (3001, 'other@gmail.test', 'sealed', now())"));
      statement.execute("DELETE FROM photographer WHERE id = 3001");
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM drive_account")) {
        rows.next();
        assertEquals(0, rows.getInt(1));
      }
    }
  }

  @Test
  void emailsAreUniqueWhateverTheirCase() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO studio VALUES (2001, 's', now())");
      statement.execute(
          "INSERT INTO photographer VALUES (2001, 2001, 'Ann@x.org', 'Ann', 'h', 'OWNER', now())");
      assertThrows(
          SQLException.class,
          () ->
              statement.execute(
                  "INSERT INTO photographer VALUES (2002, 2001, 'ann@X.org', 'Ann', 'h', 'OWNER', now())"));
    }
  }

  @Test
  void facesAreNumberedPerEventAndRemovalsRaiseTheGeneration() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO studio VALUES (4101, 's', now())");
      for (int event : new int[] {4101, 4102}) {
        statement.execute(
            "INSERT INTO event (id, studio_id, name, slug, created_at) VALUES (%d, 4101, 'e', 'e-%d', now())"
                .formatted(event, event));
        statement.execute(
            "INSERT INTO source VALUES (%d, %d, 'FOLDER', '/p', '/p', now())"
                .formatted(event, event));
        statement.execute(
            ("INSERT INTO photo (id, event_id, source_id, source_file_id, file_name, content_hash,"
                    + " status, created_at) VALUES (%d, %d, %d, 'a.jpg', 'a.jpg', 'h', 'INDEXED', now())")
                .formatted(event, event, event));
      }
      String face =
          "INSERT INTO face (id, photo_id, event_id, box_x, box_y, box_width, box_height, landmarks,"
              + " score, searchable) VALUES (%d, %d, %d, 0, 0, 10, 10, '', 0.9, true)";
      statement.execute(face.formatted(4101, 4101, 4101));
      statement.execute(face.formatted(4102, 4101, 4101));
      statement.execute(face.formatted(4103, 4102, 4102));
      assertEquals(
          "1,2", column(statement, "SELECT seq FROM face WHERE event_id = 4101 ORDER BY id"));
      assertEquals("1", column(statement, "SELECT seq FROM face WHERE event_id = 4102"));
      assertEquals(
          "2,0",
          column(
              statement, "SELECT face_seq || ',' || face_generation FROM event WHERE id = 4101"));

      statement.execute("UPDATE face SET person_pinned = true WHERE id = 4101");
      assertEquals("0", column(statement, "SELECT face_generation FROM event WHERE id = 4101"));
      statement.execute("UPDATE face SET searchable = false WHERE id = 4101");
      assertEquals("1", column(statement, "SELECT face_generation FROM event WHERE id = 4101"));
      statement.execute("DELETE FROM face WHERE id = 4102");
      assertEquals("2", column(statement, "SELECT face_generation FROM event WHERE id = 4101"));
      assertEquals("0", column(statement, "SELECT face_generation FROM event WHERE id = 4102"));
      statement.execute(face.formatted(4104, 4101, 4101));
      assertEquals("3", column(statement, "SELECT seq FROM face WHERE id = 4104"), "never reused");
    }
  }

  private static String column(Statement statement, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return String.join(",", values);
  }
}
