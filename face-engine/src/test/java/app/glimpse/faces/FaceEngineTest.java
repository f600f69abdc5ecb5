package app.glimpse.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.cli.BoxMatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The default engine (packaged UltraFace + BlazeFace landmarks + embedder) on the shared photos.
 */
class FaceEngineTest {
  private static final FaceEngine ENGINE = FaceEngine.shared();
  private static final Map<String, PhotoAnalysis> CACHE = new HashMap<>();

  static synchronized PhotoAnalysis analyse(String photo) throws Exception {
    PhotoAnalysis analysis = CACHE.get(photo);
    if (analysis == null) {
      analysis = ENGINE.analyze(TestImages.photo(photo));
      CACHE.put(photo, analysis);
    }
    return analysis;
  }

  @Test
  void checkLoadsAndRunsBothModels() {
    ModelStatus status = ENGINE.check();
    assertTrue(status.usable(), status.detail());
    assertTrue(status.detector().startsWith("ultraface"), status.detector());
    assertTrue(status.embedder().contains("arcface-mobilefacenet-512.onnx"), status.embedder());
    assertTrue(
        status.embedder().startsWith("faceplugin fr_feature (declared MIT, provenance unclear)"),
        status.embedder());
    assertEquals(0.43f, status.searchThreshold());
    assertEquals(
        List.of(
            "ultraface-rfb-320.onnx: MIT (declared)",
            "blazeface-front-128.onnx: Apache-2.0",
            "arcface-mobilefacenet-512.onnx: declared MIT, provenance unclear"),
        ENGINE.modelLicences());
    assertTrue(ENGINE.check() == status, "cached");
  }

  /**
   * Every face the engine reports (accepted or not) against the faces boxed by eye in {@code
   * face-boxes.tsv}, matched one to one at IoU >= 0.5 ({@link BoxMatch}). Measured with the
   * defaults (faces scanned down to 32 px, sharpness gate 10): 33 of 34 found (missed: the face cut
   * by the bottom-right edge of selfie-many-people), 3 false detections, all in img54 (a box around
   * the blurred crowd, one too large for the blurred profile, one on hair); the one on hair is
   * sharp enough for the gate at 10 (it was turned down at 25), so one false face is accepted.
   * Scanning down to 40 px with the gate at 25 found the same 33 with none of the false accepted.
   * Matching at IoU 0.6, or without clipping detections to the photo, finds fewer.
   */
  /**
   * A tile of the finest level sees the lower half of img41's large face (mouth and chin) as a
   * face, more surely than the whole-image pass sees the whole face; the landmark model confirms
   * only the whole face, so the whole face must win (it used to be dropped as lying around the
   * half).
   */
  @Test
  void keepsTheWholeLargeFaceNotTheHalfATileSaw() throws Exception {
    PhotoAnalysis analysis = analyse("deepface/img41.jpg");
    DetectedFace first = analysis.faces().get(0);
    assertTrue(first.accepted(), first.toString());
    assertTrue(first.box().width() > 800 && first.box().y() < 700, first.box().toString());
  }

  @Test
  void findsAtLeast95PercentOfTheVisibleFacesByBox() throws Exception {
    BoxMatch.Result all = BoxMatch.Result.NONE;
    BoxMatch.Result accepted = BoxMatch.Result.NONE;
    List<String> report = new ArrayList<>();
    for (Map.Entry<String, List<BoxMatch.Truth>> photo : boxes().entrySet()) {
      PhotoAnalysis analysis = analyse(photo.getKey());
      BoxMatch.Result r =
          BoxMatch.match(
              photo.getValue(),
              analysis.faces().stream().map(DetectedFace::box).toList(),
              analysis.width(),
              analysis.height());
      report.add(
          photo.getKey()
              + " found "
              + r.found()
              + "/"
              + r.truth()
              + (r.falseDetections() == 0 ? "" : " false at " + BoxMatch.boxes(r.falseBoxes())));
      all = all.plus(r);
      accepted =
          accepted.plus(
              BoxMatch.match(
                  photo.getValue(),
                  analysis.acceptedFaces().stream().map(DetectedFace::box).toList(),
                  analysis.width(),
                  analysis.height()));
    }
    assertEquals(34, all.truth(), "faces boxed");
    assertTrue(all.found() >= 0.95 * all.truth(), all.found() + " found: " + report);
    assertTrue(all.falseDetections() <= 3, all.falseDetections() + " false: " + report);
    assertTrue(
        accepted.falseDetections() <= 1,
        "accepted false at " + BoxMatch.boxes(accepted.falseBoxes()));
  }

  @Test
  void findsNoFaceOnACat() throws Exception {
    assertTrue(analyse("debian/chelsea.png").acceptedFaces().isEmpty());
  }

  @Test
  void separatesSamePersonFromDifferentPeople() throws Exception {
    List<String> lines = lines(TestImages.photo("deepface/pairs.tsv").toUri().toURL().openStream());
    List<Float> same = new ArrayList<>();
    List<Float> different = new ArrayList<>();
    for (String line : lines) {
      String[] pair = line.split("\t");
      boolean isSame = pair[2].trim().equals("Yes");
      List<Float> bucket = isSame ? same : different;
      if (bucket.size() >= 12) {
        continue;
      }
      float[] a = analyse("deepface/" + pair[0]).faces().get(0).embedding();
      float[] b = analyse("deepface/" + pair[1]).faces().get(0).embedding();
      bucket.add(FaceEngine.cosine(a, b));
    }
    float minSame = same.stream().min(Float::compare).orElseThrow();
    float maxDifferent = different.stream().max(Float::compare).orElseThrow();
    assertTrue(minSame > maxDifferent, "same " + same + " must all beat different " + different);
    assertTrue(minSame > 0.3f, "same-person cosine " + minSame);
    assertTrue(maxDifferent < 0.35f, "different-person cosine " + maxDifferent);
  }

  @Test
  void embeddingsAreUnitLength() throws Exception {
    float[] e = analyse("deepface/img1.jpg").faces().get(0).embedding();
    assertEquals(512, e.length);
    assertEquals(1f, FaceEngine.cosine(e, e), 1e-4f);
  }

  @Test
  void readsCameraMetadata() throws Exception {
    PhotoAnalysis analysis = analyse("groups-unlabeled/sample1.jpg");
    PhotoMetadata metadata = analysis.metadata();
    assertEquals("jpeg", metadata.format());
    assertEquals("SONY", metadata.make());
    assertEquals("ILCE-7M2", metadata.model());
    assertEquals("FE 55mm F1.8 ZA", metadata.lens());
    assertEquals(LocalDateTime.parse("2017-10-31T20:16:18"), metadata.capturedAt());
    assertTrue(metadata.capturedAtWithOffset().isEmpty(), "no offset in this file");
    assertTrue(metadata.hasGps());
    assertEquals(1920, analysis.width());
    assertEquals(1280, analysis.height());
  }

  @Test
  void makesThumbnailAndPreviewFromTheDecodedImage() throws Exception {
    PhotoAnalysis analysis = analyse("deepface/img49.jpg");
    assertEquals(4352, analysis.width());
    Mat thumbnail = Imgcodecs.imdecode(new MatOfByte(analysis.thumbnailJpeg()), 1);
    Mat preview = Imgcodecs.imdecode(new MatOfByte(analysis.previewJpeg()), 1);
    assertEquals(400, Math.max(thumbnail.cols(), thumbnail.rows()));
    assertEquals(1600, Math.max(preview.cols(), preview.rows()));
    assertEquals(
        (double) analysis.width() / analysis.height(),
        (double) preview.cols() / preview.rows(),
        0.01);
  }

  @Test
  void appliesExifOrientationBeforeDetection() throws Exception {
    Mat upright = TestImages.read("deepface/img2.jpg");
    Mat stored = new Mat();
    Core.rotate(upright, stored, Core.ROTATE_90_COUNTERCLOCKWISE);
    byte[] jpeg = TestImages.withExifOrientation(TestImages.encode(stored, ".jpg"), 6);
    PhotoAnalysis rotated = ENGINE.analyze(jpeg, "rotated.jpg");
    PhotoAnalysis reference = ENGINE.analyze(TestImages.encode(upright, ".jpg"), "upright.jpg");
    assertEquals(6, rotated.metadata().orientation());
    assertEquals(
        OffsetDateTime.parse("2024-06-01T14:30:00+02:00"),
        rotated.metadata().capturedAtWithOffset().orElseThrow());
    assertEquals(upright.cols(), rotated.width());
    assertEquals(upright.rows(), rotated.height());
    assertEquals(1, rotated.acceptedFaces().size());
    FaceBox a = rotated.acceptedFaces().get(0).box();
    FaceBox b = reference.acceptedFaces().get(0).box();
    assertTrue(a.iou(b) > 0.8, a + " vs " + b);
    float same =
        FaceEngine.cosine(
            rotated.acceptedFaces().get(0).embedding(),
            reference.acceptedFaces().get(0).embedding());
    assertTrue(same > 0.9f, "cosine " + same);
  }

  @Test
  void findsFiftyFacesInOnePhoto() throws Exception {
    PhotoAnalysis source = analyse("deepface/img2.jpg");
    FaceBox box = source.acceptedFaces().get(0).box();
    Mat image = TestImages.read("deepface/img2.jpg");
    int side = Math.round(box.size() * 1.6f);
    Rect crop =
        new Rect(
            Math.round(box.x() + box.width() / 2 - side / 2f),
            Math.round(box.y() + box.height() / 2 - side / 2f),
            side,
            side);
    Mat face = new Mat();
    Imgproc.resize(image.submat(crop), face, new Size(150, 150), 0, 0, Imgproc.INTER_AREA);
    Mat canvas = new Mat(1500, 2200, image.type(), new Scalar(90, 110, 120));
    for (int i = 0; i < 50; i++) {
      face.copyTo(canvas.submat(new Rect(20 + (i % 10) * 216, 30 + (i / 10) * 290, 150, 150)));
    }
    PhotoAnalysis analysis = ENGINE.analyze(TestImages.encode(canvas, ".jpg"), "fifty.jpg");
    assertEquals(50, analysis.acceptedFaces().size());
    assertTrue(analysis.faces().size() <= 52, analysis.faces().size() + " faces");
  }

  @Test
  void facesForSearchDecodesSmallerAndFindsTheSameFace() throws Exception {
    List<DetectedFace> faces = ENGINE.facesForSearch(TestImages.bytes("deepface/img1.jpg"));
    assertFalse(faces.isEmpty());
    assertTrue(faces.get(0).accepted());
    float[] indexed = analyse("deepface/img1.jpg").faces().get(0).embedding();
    float cosine = FaceEngine.cosine(faces.get(0).embedding(), indexed);
    assertTrue(cosine > 0.95f, "selfie decoded smaller, same face: " + cosine);
  }

  @Test
  void isThreadSafe() throws Exception {
    byte[] photo = TestImages.bytes("groups-unlabeled/sample4.jpg");
    PhotoAnalysis reference = ENGINE.analyze(photo, "sample4.jpg");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PhotoAnalysis>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> ENGINE.analyze(photo, "sample4.jpg")));
      }
      for (Future<PhotoAnalysis> result : results) {
        PhotoAnalysis analysis = result.get();
        assertEquals(reference.faces().size(), analysis.faces().size());
        for (int f = 0; f < analysis.faces().size(); f++) {
          assertEquals(
              1f,
              FaceEngine.cosine(
                  reference.faces().get(f).embedding(), analysis.faces().get(f).embedding()),
              1e-4f);
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  /** The faces boxed by eye, by path under ../shared/photos. */
  static Map<String, List<BoxMatch.Truth>> boxes() throws IOException {
    Map<String, List<BoxMatch.Truth>> boxes =
        BoxMatch.parse(lines(FaceEngineTest.class.getResourceAsStream("face-boxes.tsv")));
    assertFalse(boxes.isEmpty());
    return boxes;
  }

  static List<String> lines(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    }
  }
}
