package app.glimpse.faces;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * Flip test-time augmentation: a face and its mirror image get nearly the same embedding with it,
 * and measurably different ones without it (the case the augmentation is for: a head turned one way
 * in the selfie and the other way in the event).
 */
class FlipAugmentationTest {

  @Test
  void aFaceAndItsMirrorImageEmbedAlikeOnlyWithFlip() throws Exception {
    Mat photo = TestImages.read("deepface/img40.jpg");
    Mat mirrored = new Mat();
    Core.flip(photo, mirrored, 1);
    byte[] original = TestImages.encode(photo, ".png");
    byte[] mirror = TestImages.encode(mirrored, ".png");
    photo.release();
    mirrored.release();

    float without = similarity(FaceEngineConfig.defaults().withFlip(false), original, mirror);
    float with = similarity(FaceEngineConfig.defaults().withFlip(true), original, mirror);

    // measured: 0.889 with flip, 0.858 without (the mirrored photo's landmarks differ a little,
    // so even with flip the two crops are not exact mirror images of each other)
    assertTrue(
        with > without + 0.015f,
        "flip brings a face and its mirror image closer: " + with + " against " + without);
  }

  private static float similarity(FaceEngineConfig config, byte[] a, byte[] b) throws Exception {
    try (FaceEngine engine = FaceEngine.create(config)) {
      List<DetectedFace> first = engine.facesForSearch(a);
      List<DetectedFace> second = engine.facesForSearch(b);
      return FaceEngine.cosine(first.get(0).embedding(), second.get(0).embedding());
    }
  }
}
