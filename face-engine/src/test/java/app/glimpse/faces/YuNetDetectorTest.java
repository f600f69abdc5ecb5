package app.glimpse.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.FaceEngineConfig.DetectorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** YuNet, the yardstick, selected by configuration alone (files from ../shared/models/yunet). */
class YuNetDetectorTest {

  @Test
  void dynamicModelSelectedByEnvironmentFindsTheGroupFaces() throws Exception {
    String model = TestImages.shared().resolve("models/yunet/yunet_s_dynamic.onnx").toString();
    FaceEngineConfig config =
        FaceEngineConfig.fromSources(new Properties(), Map.of("GLIMPSE_FACES_DETECTOR", model));
    assertEquals(DetectorKind.YUNET, config.detectorKind());
    try (FaceEngine engine = FaceEngine.create(config)) {
      ModelStatus status = engine.check();
      assertTrue(status.usable(), status.detail());
      assertTrue(status.detector().startsWith("yunet"), status.detector());
      PhotoAnalysis analysis = engine.analyze(TestImages.photo("groups-unlabeled/sample5.jpg"));
      assertEquals(5, analysis.acceptedFaces().size());
      PhotoAnalysis same = engine.analyze(TestImages.photo("deepface/img1.jpg"));
      PhotoAnalysis other = engine.analyze(TestImages.photo("deepface/img10.jpg"));
      float cosine =
          FaceEngine.cosine(
              same.acceptedFaces().get(0).embedding(), other.acceptedFaces().get(0).embedding());
      assertTrue(cosine > 0.4f, "img1 and img10 are one person: " + cosine);
    }
  }

  @Test
  void fixedSizeModelIsLetterboxed() throws Exception {
    FaceEngineConfig config =
        FaceEngineConfig.defaults()
            .withDetector(
                DetectorKind.YUNET,
                TestImages.shared().resolve("models/yunet/face_detection_yunet_2023mar.onnx"));
    try (FaceEngine engine = FaceEngine.create(config)) {
      PhotoAnalysis analysis = engine.analyze(TestImages.photo("groups-unlabeled/sample4.jpg"));
      assertEquals(4, analysis.acceptedFaces().size());
    }
  }

  @Test
  void brokenDetectorFileIsReportedNotThrown() throws Exception {
    Path fake = Files.createTempFile("yunet", ".onnx");
    Files.writeString(fake, "not a model");
    try (FaceEngine engine =
        FaceEngine.create(FaceEngineConfig.defaults().withDetector(DetectorKind.YUNET, fake))) {
      ModelStatus status = engine.check();
      assertTrue(!status.usable());
      assertTrue(status.detail().contains("cannot open model"), status.detail());
    } finally {
      Files.delete(fake);
    }
  }
}
