package app.glimpse.people.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.DetectedFace;
import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.PhotoAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * People grouping on the labelled photos of ../shared/photos/deepface with the real face engine and
 * the search threshold: purity and completeness of the groups.
 */
class FaceClustersTest {

  private static final float THRESHOLD = 0.47f;

  /** Every accepted face of every photo; the labelled ones also in {@link #identityOf}. */
  private static final List<FaceClusters.Item> faces = new ArrayList<>();

  private static final Map<Long, String> identityOf = new HashMap<>();

  @BeforeAll
  static void analyse() throws Exception {
    Path dir = shared().resolve("photos/deepface");
    Map<String, String> labels = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("identities.tsv"))) {
      String[] cells = line.split("\t");
      if (cells.length == 2) {
        labels.put(cells[1].strip(), cells[0].strip());
      }
    }
    List<Path> photos;
    try (var files = Files.list(dir)) {
      photos = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    long faceId = 1;
    long photoId = 1;
    for (Path photo : photos) {
      PhotoAnalysis analysis = FaceEngine.shared().analyze(photo);
      boolean largest = true;
      for (DetectedFace face : analysis.faces()) {
        if (!face.accepted()) {
          continue;
        }
        String label = labels.get(photo.getFileName().toString());
        if (label != null && largest) {
          identityOf.put(faceId, label); // a labelled photo shows its person largest
        }
        largest = false;
        faces.add(new FaceClusters.Item(faceId++, photoId, face.embedding(), 0));
      }
      photoId++;
    }
  }

  @Test
  void groupsTheLabelledPeopleWithPurityAndCompletenessOver95Percent() {
    check(faces);
  }

  /** Imports store faces in whatever order their files finish: grouping must not depend on it. */
  @Test
  void groupsAsWellWhateverTheOrderTheFacesCameIn() {
    for (long seed = 1; seed <= 20; seed++) {
      List<FaceClusters.Item> shuffled = new ArrayList<>(faces);
      java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
      check(shuffled);
    }
  }

  private static void check(List<FaceClusters.Item> faces) {
    List<FaceClusters.Group> groups = new FaceClusters(THRESHOLD, 2).group(faces);

    Map<Long, Integer> groupOf = new HashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      for (FaceClusters.Item item : groups.get(g).faces()) {
        groupOf.put(item.faceId(), g);
      }
      Set<Long> photos = new HashSet<>();
      for (FaceClusters.Item item : groups.get(g).faces()) {
        assertTrue(photos.add(item.photoId()), "one photo never shows a person twice");
      }
    }
    // purity: in each group, the share of its labelled faces that belong to its main identity
    int pure = 0;
    int grouped = 0;
    for (FaceClusters.Group group : groups) {
      Map<String, Integer> counts = new HashMap<>();
      for (FaceClusters.Item item : group.faces()) {
        String who = identityOf.get(item.faceId());
        if (who != null) {
          counts.merge(who, 1, Integer::sum);
        }
      }
      pure += counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      grouped += counts.values().stream().mapToInt(Integer::intValue).sum();
    }
    // completeness: for each identity, the share of its faces in its largest group
    Map<String, Map<Integer, Integer>> spread = new HashMap<>();
    identityOf.forEach(
        (face, who) ->
            spread
                .computeIfAbsent(who, k -> new HashMap<>())
                .merge(groupOf.getOrDefault(face, -1 - face.intValue()), 1, Integer::sum));
    int together = 0;
    for (Map<Integer, Integer> groupsOfOne : spread.values()) {
      together += groupsOfOne.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
    double purity = (double) pure / grouped;
    double completeness = (double) together / identityOf.size();
    System.out.printf(
        "people-eval faces=%d labelled=%d identities=%d groups=%d purity=%.4f completeness=%.4f%n",
        FaceClustersTest.faces.size(),
        identityOf.size(),
        spread.size(),
        groups.size(),
        purity,
        completeness);
    assertTrue(purity >= 0.95, "purity " + purity);
    assertTrue(completeness >= 0.95, "completeness " + completeness);
  }

  @Test
  void keepsThePhotographersPeopleApartAndGrowsThem() {
    // the first two labelled people, pinned by the photographer to persons 1001 and 1002
    List<String> people = identityOf.values().stream().distinct().sorted().limit(2).toList();
    List<FaceClusters.Item> items = new ArrayList<>();
    Set<String> pinnedOnce = new HashSet<>();
    for (FaceClusters.Item item : faces) {
      String who = identityOf.get(item.faceId());
      long person = 0;
      if (who != null && people.contains(who) && pinnedOnce.add(who)) {
        person = who.equals(people.get(0)) ? 1001 : 1002;
      }
      items.add(new FaceClusters.Item(item.faceId(), item.photoId(), item.embedding(), person));
    }
    List<FaceClusters.Group> groups = new FaceClusters(THRESHOLD, 2).group(items);
    for (long seed : new long[] {1001, 1002}) {
      FaceClusters.Group grown =
          groups.stream().filter(g -> g.seedPerson() == seed).findFirst().orElseThrow();
      String who = people.get(seed == 1001 ? 0 : 1);
      long theirs = identityOf.values().stream().filter(who::equals).count();
      long found =
          grown.faces().stream().filter(i -> who.equals(identityOf.get(i.faceId()))).count();
      assertEquals(theirs, found, who + " grew from the one pinned face to all of theirs");
    }
  }

  private static Path shared() {
    String configured = System.getProperty("glimpse.shared");
    if (configured != null && !configured.isBlank() && !configured.contains("${")) {
      return Path.of(configured);
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path candidate : new Path[] {cwd.resolve("../shared"), cwd.resolve("../../shared")}) {
      if (Files.isDirectory(candidate.resolve("photos"))) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException("../shared not found; set -Dglimpse.shared=DIR");
  }
}
