package app.glimpse.faces.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.model.InferenceClock;
import app.glimpse.faces.model.ModelSource;
import app.glimpse.faces.model.NativeRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

class FaceEmbedderTest {

  @Test
  void facesOfAPhotoGoThroughOneCallAndEmbedAsOneByOne() {
    NativeRuntime.loadOpenCv();
    List<Mat> faces = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Mat face = new Mat(FaceAligner.SIZE, FaceAligner.SIZE, CvType.CV_8UC3);
      Core.randu(face, 0, 256);
      faces.add(face);
    }
    try (FaceEmbedder embedder = new FaceEmbedder(ModelSource.packaged("embedder"), 1)) {
      assertTrue(embedder.batched(), "the build frees the packaged embedder's batch dimension");
      InferenceClock together = new InferenceClock();
      List<float[]> batch = embedder.embed(faces, together);
      assertEquals(1, together.calls(), "one inference call for the photo's faces");
      assertEquals(faces.size(), batch.size());
      for (int i = 0; i < faces.size(); i++) {
        float[] alone = embedder.embed(List.of(faces.get(i)), new InferenceClock()).get(0);
        assertArrayEquals(alone, batch.get(i), 1e-5f, "face " + i);
        double norm = 0;
        for (float x : alone) {
          norm += x * x;
        }
        assertEquals(1, norm, 1e-4);
      }
    } finally {
      faces.forEach(Mat::release);
    }
  }
}
