package app.glimpse.faces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.FaceBox;
import app.glimpse.faces.cli.EventSet.EventPhoto;
import app.glimpse.faces.cli.EventSet.Placed;
import app.glimpse.faces.cli.EventSet.Selfie;
import app.glimpse.faces.cli.EventSet.Written;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/** The event set from ../shared/photos: held-out selfies, full coverage, boxes that make sense. */
class EventSetTest {

  @Test
  void writesWhatItPromisesAndReadsItBack(@TempDir Path out) throws Exception {
    Path photos = SharedPhotos.root();
    Written written =
        EventSet.write(photos.resolve("deepface"), photos.resolve("groups-unlabeled"), out, 7);
    assertEquals(written, EventSet.read(out));

    // 13 identities; ceil(n/3) selfies each (8 photos give 3, 2 photos give 1).
    Set<String> identities =
        written.selfies().stream()
            .map(Selfie::identity)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(13, identities.size());
    assertEquals(25, written.selfies().size());
    Set<String> selfieFiles =
        written.selfies().stream().map(Selfie::file).collect(Collectors.toSet());

    for (EventPhoto photo : written.photos()) {
      assertTrue(Files.isRegularFile(out.resolve(photo.file())), photo.file());
      assertTrue(EventSet.CONDITIONS.contains(photo.condition()), photo.condition());
      for (String source : photo.sources()) {
        assertFalse(selfieFiles.contains(source), photo.file() + " uses selfie " + source);
      }
      long labelled = photo.faces().stream().filter(f -> !f.identity().equals("stranger")).count();
      assertTrue(labelled >= 1 && labelled <= 4, photo.file() + ": " + labelled);
      assertEquals(
          labelled,
          photo.faces().stream()
              .map(Placed::identity)
              .filter(id -> !id.equals("stranger"))
              .distinct()
              .count(),
          photo.file() + " has one person twice");
      for (Placed face : photo.faces()) {
        FaceBox b = face.box();
        if (!face.identity().equals("stranger")) {
          assertTrue(identities.contains(face.identity()), face.identity());
          assertTrue(b.width() >= 30 && b.width() <= 150, photo.file() + " width " + b.width());
        }
        if (!photo.condition().equals("edge")) {
          assertTrue(
              b.x() >= 0
                  && b.y() >= 0
                  && b.x() + b.width() <= EventSet.WIDTH
                  && b.y() + b.height() <= EventSet.HEIGHT,
              photo.file() + " box outside the frame: " + b);
        }
      }
    }
    for (String condition : EventSet.CONDITIONS) {
      Set<String> seen =
          written.photos().stream()
              .filter(p -> p.condition().equals(condition))
              .flatMap(p -> p.faces().stream())
              .map(Placed::identity)
              .filter(id -> !id.equals("stranger"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertFalse(seen.isEmpty(), condition);
      if (!condition.equals("threequarter")) {
        assertEquals(identities, seen, condition);
      }
    }
    // Edge photos really are cut: every labelled face there crosses the frame.
    for (EventPhoto photo : written.photos()) {
      if (photo.condition().equals("edge")) {
        for (Placed face : photo.faces()) {
          FaceBox b = face.box();
          if (!face.identity().equals("stranger")) {
            assertTrue(
                b.x() < 0
                    || b.y() < 0
                    || b.x() + b.width() > EventSet.WIDTH
                    || b.y() + b.height() > EventSet.HEIGHT,
                photo.file() + " not cut: " + b);
          }
        }
      }
    }
    Mat first = Imgcodecs.imread(out.resolve(written.photos().get(0).file()).toString());
    try {
      assertEquals(EventSet.WIDTH, first.cols());
      assertEquals(EventSet.HEIGHT, first.rows());
    } finally {
      first.release();
    }
  }
}
