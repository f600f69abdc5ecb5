package app.glimpse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLogTest {

  @TempDir Path dir;

  @Test
  void rotatesBySizeAndKeepsAFewFiles() throws Exception {
    Path file = dir.resolve("logs/server.log");
    try (ServerLog log = ServerLog.open(file, 100, 3)) {
      for (int i = 0; i < 40; i++) {
        log.line(String.format("line %02d of the server's log, about forty bytes", i));
      }
    }
    List<String> current = Files.readAllLines(file);
    assertEquals("line 39 of the server's log, about forty bytes", current.get(current.size() - 1));
    assertTrue(Files.size(file) <= 100 + 48, "rotated near the limit: " + Files.size(file));
    List<String> previous = Files.readAllLines(file.resolveSibling("server.log.1"));
    assertEquals(
        Integer.parseInt(current.get(0).substring(5, 7)) - 1,
        Integer.parseInt(previous.get(previous.size() - 1).substring(5, 7)),
        "server.log.1 ends where server.log begins");
    assertTrue(Files.exists(file.resolveSibling("server.log.2")));
    assertFalse(Files.exists(file.resolveSibling("server.log.3")), "three files in all");
  }

  @Test
  void appendsToTheFileOfTheLastRunWithoutColours() throws Exception {
    Path file = dir.resolve("server.log");
    try (ServerLog log = ServerLog.open(file)) {
      log.line("first run");
    }
    try (ServerLog log = ServerLog.open(file)) {
      log.line("[\u001B[1;93mWARNING\u001B[0m] second run");
      LogRecord record = new LogRecord(Level.INFO, "AMQ221007: Server is now active");
      record.setLoggerName("org.apache.activemq.artemis.core.server");
      log.handler().publish(record);
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals("first run", lines.get(0));
    assertEquals("[WARNING] second run", lines.get(1));
    assertTrue(
        String.join("\n", lines.subList(2, lines.size())).contains("Server is now active"),
        "the launcher's own records: " + lines);
  }
}
