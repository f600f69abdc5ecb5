package app.glimpse.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SnakeCaseColumnsTest {

  @Test
  void attributesBecomeSnakeCaseColumns() {
    assertEquals("created_at", SnakeCaseColumns.snakeCase("createdAt"));
    assertEquals("box_x", SnakeCaseColumns.snakeCase("boxX"));
    assertEquals("access_code_hash", SnakeCaseColumns.snakeCase("accessCodeHash"));
    assertEquals("slug", SnakeCaseColumns.snakeCase("slug"));
    assertEquals("has_gps", SnakeCaseColumns.snakeCase("hasGps"));
  }
}
