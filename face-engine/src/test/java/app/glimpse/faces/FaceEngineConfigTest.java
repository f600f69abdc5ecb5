package app.glimpse.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.glimpse.faces.FaceEngineConfig.DetectorKind;
import app.glimpse.faces.FaceEngineConfig.EmbedderKind;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FaceEngineConfigTest {

  @Test
  void environmentNamesFollowTheKeys() {
    assertEquals("GLIMPSE_FACES_DETECTOR_KIND", FaceEngineConfig.envName("detector.kind"));
    assertEquals("GLIMPSE_FACES_MAX_PIXELS", FaceEngineConfig.envName("maxPixels"));
    assertEquals(
        "GLIMPSE_FACES_QUALITY_MIN_FACE_PX", FaceEngineConfig.envName("quality.minFacePx"));
  }

  @Test
  void defaultsUsePackagedUltraFace() {
    FaceEngineConfig config = FaceEngineConfig.fromSources(new Properties(), Map.of());
    assertEquals(DetectorKind.ULTRAFACE, config.detectorKind());
    assertNull(config.detectorModel());
    assertNull(config.embedderModel());
    assertEquals(EmbedderKind.ARCFACE, config.embedderKind());
    assertEquals(32, config.minFacePx());
    assertEquals(1600, config.previewSize());
  }

  @Test
  void systemPropertiesWinOverEnvironment() {
    Properties properties = new Properties();
    properties.setProperty("glimpse.faces.maxPixels", "1000");
    FaceEngineConfig config =
        FaceEngineConfig.fromSources(
            properties,
            Map.of("GLIMPSE_FACES_MAX_PIXELS", "2000", "GLIMPSE_FACES_THUMBNAIL", "300"));
    assertEquals(1000, config.maxPixels());
    assertEquals(300, config.thumbnailSize());
  }

  @Test
  void embedderKindComesFromTheEnvironment() {
    assertEquals("GLIMPSE_FACES_EMBEDDER_KIND", FaceEngineConfig.envName("embedder.kind"));
    FaceEngineConfig config =
        FaceEngineConfig.fromSources(
            new Properties(), Map.of("GLIMPSE_FACES_EMBEDDER_KIND", "dlib"));
    assertEquals(EmbedderKind.DLIB, config.embedderKind());
    assertEquals("dlib", config.embedderKind().manifestId());
    assertNull(config.embedderModel());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FaceEngineConfig.fromSources(
                new Properties(), Map.of("GLIMPSE_FACES_EMBEDDER_KIND", "facenet")));
  }

  @Test
  void yunetKindIsGuessedFromTheFileName() {
    FaceEngineConfig config =
        FaceEngineConfig.fromSources(
            new Properties(), Map.of("GLIMPSE_FACES_DETECTOR", "/models/yunet_s_dynamic.onnx"));
    assertEquals(DetectorKind.YUNET, config.detectorKind());
    assertEquals(Path.of("/models/yunet_s_dynamic.onnx"), config.detectorModel());
  }

  @Test
  void yunetNeedsAFile() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FaceEngineConfig.fromSources(
                new Properties(), Map.of("GLIMPSE_FACES_DETECTOR_KIND", "yunet")));
  }

  @Test
  void packagedBlazeFaceIsSelectableByKindAlone() {
    FaceEngineConfig config =
        FaceEngineConfig.fromSources(
            new Properties(), Map.of("GLIMPSE_FACES_DETECTOR_KIND", "blazeface"));
    assertEquals(DetectorKind.BLAZEFACE, config.detectorKind());
    assertNull(config.detectorModel());
  }

  @Test
  void anotherDetectorFileIsTakenForBlazeFace() {
    FaceEngineConfig config =
        FaceEngineConfig.fromSources(
            new Properties(), Map.of("GLIMPSE_FACES_DETECTOR", "/models/blazeface-back.onnx"));
    assertEquals(DetectorKind.BLAZEFACE, config.detectorKind());
  }
}
