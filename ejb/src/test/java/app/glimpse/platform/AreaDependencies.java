package app.glimpse.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The areas of this module ({@code app.glimpse.<area>}) depend one way, as {@code
 * docs/architecture.md} draws them: read from the source tree, an area uses another when one of its
 * files names a class of it (an import or a qualified name in code; comments and strings do not
 * count). Names of packages that are not areas of this module (the face engine's {@code faces}) are
 * left out. Each module that has areas runs these tests over its own sources ({@link #module()}
 * names its block in the document); the web module reaches this class through ejb's test jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AreaDependencies {

  static final Path SOURCES = Path.of("src/main/java/app/glimpse");
  static final Path ARCHITECTURE = Path.of("../docs/architecture.md");

  private static final Pattern REFERENCE = Pattern.compile("\\bapp\\.glimpse\\.([a-z]+)\\.");

  /** Area to the areas it uses, each with the files that use it. */
  private Map<String, Map<String, Set<String>>> uses;

  /** The module whose sources are read, as the document's block names it: ejb, web. */
  protected abstract String module();

  @BeforeAll
  void read() throws IOException {
    uses = new TreeMap<>();
    Set<String> areas = new TreeSet<>();
    try (Stream<Path> folders = Files.list(SOURCES)) {
      folders.filter(Files::isDirectory).forEach(f -> areas.add(f.getFileName().toString()));
    }
    for (String area : areas) {
      Map<String, Set<String>> used = uses.computeIfAbsent(area, a -> new TreeMap<>());
      try (Stream<Path> files = Files.walk(SOURCES.resolve(area))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher matcher = REFERENCE.matcher(code(text(file)));
          while (matcher.find()) {
            String other = matcher.group(1);
            if (!other.equals(area) && areas.contains(other)) {
              used.computeIfAbsent(other, o -> new TreeSet<>()).add(file.getFileName().toString());
            }
          }
        }
      }
    }
  }

  @Test
  void platformUsesNoArea() {
    assertEquals(Map.of(), uses.get("platform"), "platform is the base: it uses no area");
  }

  @Test
  void noTwoAreasUseEachOther() {
    List<String> cycles = new ArrayList<>();
    for (String area : uses.keySet()) {
      List<String> path = pathBack(area, area, new ArrayList<>(List.of(area)), new TreeSet<>());
      if (path != null) {
        StringBuilder cycle = new StringBuilder(String.join(" -> ", path));
        for (int i = 0; i + 1 < path.size(); i++) {
          cycle
              .append("\n  ")
              .append(path.get(i))
              .append(" -> ")
              .append(path.get(i + 1))
              .append(" in ")
              .append(uses.get(path.get(i)).get(path.get(i + 1)));
        }
        cycles.add(cycle.toString());
      }
    }
    assertTrue(cycles.isEmpty(), "Areas that depend on each other:\n" + String.join("\n", cycles));
  }

  @Test
  void theGraphIsTheOneDrawn() {
    Map<String, Set<String>> drawn = drawn(text(ARCHITECTURE));
    Map<String, Set<String>> actual = new TreeMap<>();
    uses.forEach(
        (area, used) -> {
          Set<String> others = new TreeSet<>(used.keySet());
          others.remove("platform");
          if (!others.isEmpty() && !area.equals("platform")) {
            actual.put(area, others);
          }
        });
    assertEquals(
        drawn,
        actual,
        "docs/architecture.md draws the "
            + module()
            + " areas' graph as it is (platform left out)");
  }

  /** A path from {@code from} back to {@code to}, if there is one. */
  private List<String> pathBack(String from, String to, List<String> path, Set<String> seen) {
    for (String next : uses.getOrDefault(from, Map.of()).keySet()) {
      if (next.equals(to)) {
        List<String> found = new ArrayList<>(path);
        found.add(to);
        return found;
      }
      if (seen.add(next)) {
        path.add(next);
        List<String> found = pathBack(next, to, path, seen);
        if (found != null) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return null;
  }

  /**
   * The graph in the fenced block after {@code <!-- areas: module -->}: a line {@code a -> b, c}
   * per area that uses others.
   */
  Map<String, Set<String>> drawn(String markdown) {
    int marker = markdown.indexOf("<!-- areas: " + module() + " -->");
    if (marker < 0) {
      fail("docs/architecture.md has no <!-- areas: " + module() + " --> block");
    }
    int start = markdown.indexOf("```", marker);
    int end = markdown.indexOf("```", start + 3);
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : markdown.substring(markdown.indexOf('\n', start) + 1, end).split("\n")) {
      String[] arrow = line.split("->");
      if (arrow.length == 2) {
        Set<String> used = new TreeSet<>();
        for (String other : arrow[1].split(",")) {
          used.add(other.strip());
        }
        graph.put(arrow[0].strip(), used);
      }
    }
    return graph;
  }

  /** The source without its comments, string and character literals. */
  static String code(String source) {
    StringBuilder code = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int newline = source.indexOf('\n', i);
        i = newline < 0 ? source.length() : newline;
      } else if (source.startsWith("/*", i)) {
        int close = source.indexOf("*/", i + 2);
        i = close < 0 ? source.length() : close + 2;
      } else if (source.startsWith("\"\"\"", i)) {
        int close = source.indexOf("\"\"\"", i + 3);
        i = close < 0 ? source.length() : close + 3;
        code.append("\"\"");
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < source.length() && source.charAt(j) != c) {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
        code.append(c).append(c);
      } else {
        code.append(c);
        i++;
      }
    }
    return code.toString();
  }

  @Test
  void commentsAndStringsAreNoDependencies() {
    assertEquals(
        "import a.b; \nString s = \"\"; char c = '';\n x",
        code(
            "import a.b; // app.glimpse.x.Y\nString s = \"app.glimpse.x.\\\"Y\"; char c = '\"';"
                + "\n/* app.glimpse.x. */ x"));
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
