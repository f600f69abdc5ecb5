package app.glimpse.gallery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.glimpse.search.boundary.SearchResult;
import org.junit.jupiter.api.Test;

class FaceFrameTest {

  @Test
  void aFaceInALandscapePhotoIsPlacedInTheCentreSquare() {
    // 2000 x 1000: the tile shows x 500..1500
    FaceFrame frame = FaceFrame.inSquareTile(new SearchResult.Box(600, 100, 200, 300), 2000, 1000);
    assertEquals(10, frame.left(), 0.01);
    assertEquals(10, frame.top(), 0.01);
    assertEquals(20, frame.width(), 0.01);
    assertEquals(30, frame.height(), 0.01);
    assertEquals("left:10.00%;top:10.00%;width:20.00%;height:30.00%", frame.css());
  }

  @Test
  void aFacePartlyOutsideTheTileIsClippedAndOneWhollyOutsideHasNoFrame() {
    FaceFrame clipped =
        FaceFrame.inSquareTile(new SearchResult.Box(100, 1900, 400, 200), 1000, 3000);
    assertEquals(10, clipped.left(), 0.01);
    assertEquals(90, clipped.top(), 0.01);
    assertEquals(10, clipped.height(), 0.01);
    assertNull(FaceFrame.inSquareTile(new SearchResult.Box(0, 0, 100, 100), 1000, 3000));
    assertNull(FaceFrame.inSquareTile(new SearchResult.Box(0, 0, 100, 100), null, 3000));
  }
}
