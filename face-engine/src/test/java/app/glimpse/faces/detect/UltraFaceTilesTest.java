package app.glimpse.faces.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UltraFaceTilesTest {

  @Test
  void tilesCoverTheAxisOverlappingByAtLeastTheOverlap() {
    assertArrayEquals(new int[] {0}, TileGrid.origins(200, 320, UltraFaceDetector.OVERLAP));
    for (int length : new int[] {321, 700, 1032, 1232, 2000}) {
      int[] xs = TileGrid.origins(length, 320, UltraFaceDetector.OVERLAP);
      assertEquals(0, xs[0]);
      assertEquals(length - 320, xs[xs.length - 1]);
      for (int i = 1; i < xs.length; i++) {
        assertTrue(xs[i - 1] + 320 - xs[i] >= UltraFaceDetector.OVERLAP, "overlap at " + length);
      }
    }
  }

  @Test
  void finestLevelGivesUpAFewPercentOfScaleToSaveTiles() {
    // 4000x3000 decoded at half size, faces from 40 px: 4x5 tiles at 0.55, 4x4 at 5.1% less
    float nominal = UltraFaceDetector.MIN_FACE_IN_TILE / 20f;
    assertEquals(20, UltraFaceDetector.tiles(2000, 1500, nominal));
    float fitted = UltraFaceDetector.fitted(2000, 1500, nominal);
    assertEquals(16, UltraFaceDetector.tiles(2000, 1500, fitted));
    assertTrue(fitted >= nominal * (1 - UltraFaceDetector.SLACK) && fitted < nominal);
    // never more than the slack: a tile row would need 11% less here, so the scale stays
    float wide = UltraFaceDetector.MIN_FACE_IN_TILE / 20f;
    float kept = UltraFaceDetector.fitted(3000, 2000, wide);
    assertTrue(kept >= wide * (1 - UltraFaceDetector.SLACK));
    assertTrue(
        UltraFaceDetector.tiles(3000, 2000, kept) <= UltraFaceDetector.tiles(3000, 2000, wide));
    // already tight: unchanged
    assertEquals(1f, UltraFaceDetector.fitted(200, 150, 1f));
  }

  @Test
  void templateLandmarksLieInsideTheBox() {
    FaceCandidate face =
        UltraFaceDetector.templateLandmarks(new FaceCandidate(10, 20, 100, 120, 0.99f, null));
    for (int i = 0; i < 10; i += 2) {
      assertTrue(face.landmarks()[i] > 10 && face.landmarks()[i] < 110);
      assertTrue(face.landmarks()[i + 1] > 20 && face.landmarks()[i + 1] < 140);
    }
    assertTrue(face.landmarks()[0] < face.landmarks()[2], "image-left eye first");
  }
}
