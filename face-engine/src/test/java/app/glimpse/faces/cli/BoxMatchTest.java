package app.glimpse.faces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.FaceBox;
import app.glimpse.faces.cli.BoxMatch.Result;
import app.glimpse.faces.cli.BoxMatch.Truth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoxMatchTest {
  private static final FaceBox A = new FaceBox(100, 100, 100, 120);
  private static final FaceBox B = new FaceBox(400, 100, 100, 120);

  private static Truth face(FaceBox box) {
    return new Truth(box, "");
  }

  @Test
  void aFalseDetectionDoesNotMakeUpForAMissedFace() {
    // two faces, two detections: counting says 2 of 2; one detection is on the wall
    Result r =
        BoxMatch.match(
            List.of(face(A), face(B)),
            List.of(new FaceBox(105, 95, 100, 125), new FaceBox(700, 500, 90, 90)),
            1000,
            800);
    assertEquals(2, r.truth());
    assertEquals(1, r.found());
    assertEquals(1, r.missed());
    assertEquals(1, r.falseDetections());
    assertEquals(List.of(B), r.missedBoxes());
    assertEquals(List.of(new FaceBox(700, 500, 90, 90)), r.falseBoxes());
    assertEquals(0.5, r.recall(), 1e-9);
  }

  @Test
  void twoDetectionsOfOneFaceAreOneFoundAndOneFalse() {
    Result r =
        BoxMatch.match(
            List.of(face(A)),
            List.of(new FaceBox(100, 100, 100, 120), new FaceBox(110, 110, 100, 120)),
            0,
            0);
    assertEquals(1, r.found());
    assertEquals(1, r.falseDetections());
    // the closer detection is the one matched
    assertEquals(List.of(new FaceBox(110, 110, 100, 120)), r.falseBoxes());
  }

  @Test
  void highestIouIsMatchedFirst() {
    // left taking its best detection first (d) would leave right with nothing; highest IoU first
    // gives d to right and e to left
    FaceBox left = new FaceBox(0, 0, 100, 100);
    FaceBox right = new FaceBox(30, 0, 100, 100);
    FaceBox d = new FaceBox(20, 0, 100, 100); // IoU 0.67 with left, 0.82 with right
    FaceBox e = new FaceBox(-30, 0, 100, 100); // IoU 0.54 with left, 0.25 with right
    Result r = BoxMatch.match(List.of(face(left), face(right)), List.of(d, e), 0, 0);
    assertEquals(2, r.found());
    assertEquals(0, r.missed());
    assertEquals(0, r.falseDetections());
  }

  @Test
  void anIouBelowOneHalfIsNoMatch() {
    FaceBox half = new FaceBox(0, 0, 100, 100);
    // 100x100 against 100x50 inside it: IoU exactly 0.5
    assertEquals(
        1, BoxMatch.match(List.of(face(half)), List.of(new FaceBox(0, 0, 100, 50)), 0, 0).found());
    Result below = BoxMatch.match(List.of(face(half)), List.of(new FaceBox(0, 0, 100, 49)), 0, 0);
    assertEquals(0, below.found());
    assertEquals(1, below.missed());
    assertEquals(1, below.falseDetections());
  }

  @Test
  void detectionsAreClippedToThePhoto() {
    // a face cut by the left edge, boxed up to the edge; the detector extends it past the edge
    FaceBox cut = new FaceBox(0, 440, 56, 143);
    FaceBox detection = new FaceBox(-43, 402, 101, 174);
    assertTrue(cut.iou(detection) < 0.5f);
    assertEquals(0, BoxMatch.match(List.of(face(cut)), List.of(detection), 0, 0).found());
    assertEquals(1, BoxMatch.match(List.of(face(cut)), List.of(detection), 600, 604).found());
  }

  @Test
  void ignoredFacesAreNeitherFoundNorMissedNorFalse() {
    Truth ignored = new Truth(B, "ignore cut-by-edge below-the-eyes");
    assertTrue(ignored.ignore());
    Result detected = BoxMatch.match(List.of(face(A), ignored), List.of(A, B), 0, 0);
    assertEquals(1, detected.truth());
    assertEquals(1, detected.found());
    assertEquals(0, detected.falseDetections());
    assertEquals(1, detected.ignored());
    Result notDetected = BoxMatch.match(List.of(face(A), ignored), List.of(A), 0, 0);
    assertEquals(0, notDetected.missed());
    // a detection on a counted face is never spent on an ignored one
    Result overlapping =
        BoxMatch.match(
            List.of(new Truth(A, "ignore"), face(new FaceBox(105, 100, 100, 120))),
            List.of(A),
            0,
            0);
    assertEquals(1, overlapping.found());
    assertEquals(0, overlapping.ignored());
  }

  @Test
  void resultsAddUp() {
    Result one = BoxMatch.match(List.of(face(A)), List.of(A, B), 0, 0);
    Result two = BoxMatch.match(List.of(face(A), face(B)), List.of(), 0, 0);
    Result sum = Result.NONE.plus(one).plus(two);
    assertEquals(3, sum.truth());
    assertEquals(1, sum.found());
    assertEquals(2, sum.missed());
    assertEquals(1, sum.falseDetections());
    assertEquals(List.of(A, B), sum.missedBoxes());
    assertEquals(1.0 / 3, sum.recall(), 1e-9);
    assertEquals(1.0, Result.NONE.recall());
  }

  @Test
  void parsesTheBoxFile() {
    Map<String, List<Truth>> truth =
        BoxMatch.parse(
            List.of(
                "# comment",
                "",
                "groups/a.jpg\t10\t20\t30\t40",
                "groups/a.jpg\t50\t60\t70\t80\tprofile cut-by-edge",
                "other/b.jpg\t1\t2\t3\t4\tignore blurred"));
    assertEquals(List.of("groups/a.jpg", "other/b.jpg"), List.copyOf(truth.keySet()));
    assertEquals(new FaceBox(10, 20, 30, 40), truth.get("groups/a.jpg").get(0).box());
    assertEquals("profile cut-by-edge", truth.get("groups/a.jpg").get(1).note());
    assertEquals(false, truth.get("groups/a.jpg").get(1).ignore());
    assertEquals(true, truth.get("other/b.jpg").get(0).ignore());
    assertThrows(IllegalArgumentException.class, () -> BoxMatch.parse(List.of("a.jpg\t3")));
    assertEquals(
        "10,20,30,40;1,2,3,4",
        BoxMatch.boxes(List.of(new FaceBox(10, 20, 30, 40), new FaceBox(1, 2, 3, 4))));
  }
}
