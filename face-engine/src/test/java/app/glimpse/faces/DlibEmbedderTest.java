package app.glimpse.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.FaceEngineConfig.EmbedderKind;
import app.glimpse.faces.embed.EmbeddingLift;
import app.glimpse.faces.embed.FaceEmbedder;
import app.glimpse.faces.model.InferenceClock;
import app.glimpse.faces.model.ModelSource;
import app.glimpse.faces.model.NativeRuntime;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** The dlib embedder (embedder.kind=dlib): the build's conversion, and the engine with it. */
class DlibEmbedderTest {
  private static final FaceEngine ENGINE =
      FaceEngine.create(FaceEngineConfig.defaults().withEmbedder(EmbedderKind.DLIB, null));
  private static final Map<String, PhotoAnalysis> CACHE = new HashMap<>();

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  /** The same integer patterns as src/build/faceapi-reference.mjs, as a BGR image. */
  private static Mat pattern(int p) {
    byte[] bgr = new byte[150 * 150 * 3];
    for (int y = 0; y < 150; y++) {
      for (int x = 0; x < 150; x++) {
        for (int c = 0; c < 3; c++) {
          int v =
              p == 0
                  ? (x * 3 + y * 5 + c * 70 + ((x * y) >> 3)) & 255
                  : p == 1
                      ? ((((x - 75) * (x - 75) + (y - 60) * (y - 60)) * (c + 1)) >> 6) & 255
                      : (((x >> 3) + (y >> 3) + c) & 1) == 1 ? 200 : 40;
          bgr[(y * 150 + x) * 3 + 2 - c] = (byte) v;
        }
      }
    }
    Mat image = new Mat(150, 150, CvType.CV_8UC3);
    image.put(0, 0, bgr);
    return image;
  }

  @Test
  void convertedModelGivesTheDescriptorsOfFaceApisOwnNet() throws Exception {
    NativeRuntime.loadOpenCv();
    List<float[]> reference = new ArrayList<>();
    try (InputStream in =
        getClass().getResourceAsStream("/app/glimpse/faces/faceapi-reference.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] values = line.split("\t")[1].split(",");
        float[] descriptor = new float[values.length];
        for (int i = 0; i < values.length; i++) {
          descriptor[i] = Float.parseFloat(values[i]);
        }
        reference.add(descriptor);
      }
    }
    assertEquals(3, reference.size());
    EmbeddingLift lift = EmbeddingLift.from(128);
    List<Mat> images = List.of(pattern(0), pattern(1), pattern(2));
    try (FaceEmbedder embedder =
        new FaceEmbedder(ModelSource.packaged("dlib"), 1, FaceEmbedder.Format.DLIB)) {
      assertTrue(embedder.batched(), "the converted model has a free batch dimension");
      InferenceClock clock = new InferenceClock();
      List<float[]> batch = embedder.embed(images, clock);
      assertEquals(1, clock.calls());
      for (int p = 0; p < 3; p++) {
        // face-api's descriptor is dlib's raw 128-d output: ours is it normalised and lifted
        float[] expected = lift.lift(normalise(reference.get(p)));
        assertArrayEquals(expected, batch.get(p), 1e-5f, "pattern " + p);
        float[] alone = embedder.embed(List.of(images.get(p)), new InferenceClock()).get(0);
        assertArrayEquals(batch.get(p), alone, 1e-5f, "pattern " + p + " alone");
      }
    } finally {
      images.forEach(Mat::release);
    }
  }

  @Test
  void checkNamesTheModelItsLicenceAndThreshold() {
    ModelStatus status = ENGINE.check();
    assertTrue(status.usable(), status.detail());
    assertTrue(
        status.embedder().startsWith("dlib-resnet-v1 (CC0, via @vladmandic/face-api 1.7.15)"),
        status.embedder());
    assertTrue(status.embedder().contains("dlib-resnet-v1-128.onnx"), status.embedder());
    assertEquals(0.93f, status.searchThreshold());
    assertEquals(0.93f, ENGINE.searchThreshold());
  }

  @Test
  void separatesSamePersonFromDifferentPeople() throws Exception {
    List<Float> same = new ArrayList<>();
    List<Float> different = new ArrayList<>();
    for (String line : Files.readAllLines(TestImages.photo("deepface/pairs.tsv"))) {
      String[] pair = line.split("\t");
      boolean isSame = pair[2].trim().equals("Yes");
      List<Float> bucket = isSame ? same : different;
      if (bucket.size() >= 12) {
        continue;
      }
      float[] a = analyse(pair[0]).faces().get(0).embedding();
      float[] b = analyse(pair[1]).faces().get(0).embedding();
      assertEquals(512, a.length);
      assertEquals(1f, FaceEngine.cosine(a, a), 1e-4f);
      bucket.add(FaceEngine.cosine(a, b));
    }
    float minSame = same.stream().min(Float::compare).orElseThrow();
    float maxDifferent = different.stream().max(Float::compare).orElseThrow();
    assertTrue(minSame > maxDifferent, "same " + same + " must all beat different " + different);
    float threshold = ENGINE.searchThreshold();
    double meanSame = same.stream().mapToDouble(f -> f).average().orElseThrow();
    double meanDifferent = different.stream().mapToDouble(f -> f).average().orElseThrow();
    assertTrue(
        meanDifferent < threshold && threshold < meanSame,
        "threshold " + threshold + " between " + meanDifferent + " and " + meanSame);
  }

  @Test
  void qualityVerdictsDoNotDependOnTheEmbedder() throws Exception {
    try (FaceEngine arcface = FaceEngine.create(FaceEngineConfig.defaults())) {
      for (String photo : List.of("img1.jpg", "couple.jpg")) {
        List<DetectedFace> a = arcface.analyze(TestImages.photo("deepface/" + photo)).faces();
        List<DetectedFace> b = analyse(photo).faces();
        assertEquals(a.size(), b.size(), photo);
        for (int i = 0; i < a.size(); i++) {
          assertEquals(a.get(i).accepted(), b.get(i).accepted(), photo + " face " + i);
          assertEquals(a.get(i).sharpness(), b.get(i).sharpness(), 1e-3f, photo + " face " + i);
        }
      }
    }
  }

  private static synchronized PhotoAnalysis analyse(String photo) throws Exception {
    PhotoAnalysis analysis = CACHE.get(photo);
    if (analysis == null) {
      analysis = ENGINE.analyze(TestImages.photo("deepface/" + photo));
      CACHE.put(photo, analysis);
    }
    return analysis;
  }

  private static float[] normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(sum));
    }
    return out;
  }
}
