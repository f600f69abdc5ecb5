package app.glimpse.faces.cli;

import app.glimpse.faces.FaceBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Detections against faces boxed by eye: found, missed and false detections.
 *
 * <p>Matching is greedy and one-to-one: every (detection, truth box) pair with IoU at least {@link
 * #MIN_IOU} is taken from the highest IoU down, skipping pairs whose detection or truth box is
 * already taken. Detections are clipped to the photo first (a detector extends a face cut by the
 * edge past it; the truth box stops at the edge). Truth boxes marked {@code ignore} are faces that
 * are there but not counted (cut below the eyes, turned away, blurred to a smudge): they are
 * matched the same way after the counted ones, and a detection matched to one is neither found nor
 * false; an ignored face nobody detects is not missed.
 *
 * <p>Box file ({@link #parse}): tab-separated {@code path x y width height [note]}, one line per
 * face, pixels of the photo as displayed (after EXIF orientation), {@code #} comments; the note is
 * free words, and the word {@code ignore} marks an ignored face.
 */
public final class BoxMatch {
  /** Smallest IoU at which a detection is the same face as a truth box. */
  public static final float MIN_IOU = 0.5f;

  private BoxMatch() {}

  /**
   * One face boxed by eye.
   *
   * @param note free words ({@code profile}, {@code cut-by-edge}...), empty when none
   */
  public record Truth(FaceBox box, String note) {
    /** True when the face is there but not counted. */
    public boolean ignore() {
      return Arrays.asList(note.split("\\s+")).contains("ignore");
    }
  }

  /**
   * Counts for one photo or summed over several.
   *
   * @param truth counted faces (not the ignored ones)
   * @param found counted faces matched by a detection
   * @param missed counted faces no detection matched
   * @param falseDetections detections that matched neither a counted nor an ignored face
   * @param ignored detections matched to an ignored face
   * @param missedBoxes the missed truth boxes
   * @param falseBoxes the false detections, clipped to the photo
   */
  public record Result(
      int truth,
      int found,
      int missed,
      int falseDetections,
      int ignored,
      List<FaceBox> missedBoxes,
      List<FaceBox> falseBoxes) {
    /** Nothing yet: the start of a sum. */
    public static final Result NONE = new Result(0, 0, 0, 0, 0, List.of(), List.of());

    /** Found over truth; 1 when there is no counted face. */
    public double recall() {
      return truth == 0 ? 1 : (double) found / truth;
    }

    public Result plus(Result other) {
      List<FaceBox> missedAll = new ArrayList<>(missedBoxes);
      missedAll.addAll(other.missedBoxes);
      List<FaceBox> falseAll = new ArrayList<>(falseBoxes);
      falseAll.addAll(other.falseBoxes);
      return new Result(
          truth + other.truth,
          found + other.found,
          missed + other.missed,
          falseDetections + other.falseDetections,
          ignored + other.ignored,
          List.copyOf(missedAll),
          List.copyOf(falseAll));
    }
  }

  /**
   * Matches one photo's detections to its truth.
   *
   * @param width photo width, for clipping detections; 0 or less: no clipping
   * @param height photo height, likewise
   */
  public static Result match(List<Truth> truth, List<FaceBox> detections, int width, int height) {
    List<FaceBox> left = new ArrayList<>();
    for (FaceBox d : detections) {
      left.add(width > 0 && height > 0 ? clip(d, width, height) : d);
    }
    List<FaceBox> counted = truth.stream().filter(t -> !t.ignore()).map(Truth::box).toList();
    List<FaceBox> ignoredFaces = truth.stream().filter(Truth::ignore).map(Truth::box).toList();
    boolean[] foundFaces = new boolean[counted.size()];
    int found = greedy(counted, left, foundFaces);
    int ignored = greedy(ignoredFaces, left, new boolean[ignoredFaces.size()]);
    List<FaceBox> missed = new ArrayList<>();
    for (int i = 0; i < counted.size(); i++) {
      if (!foundFaces[i]) {
        missed.add(counted.get(i));
      }
    }
    return new Result(
        counted.size(),
        found,
        missed.size(),
        left.size(),
        ignored,
        List.copyOf(missed),
        List.copyOf(left));
  }

  /**
   * Pairs boxes with detections, highest IoU first; removes the matched detections from {@code
   * detections} and marks the matched boxes in {@code matched}.
   */
  private static int greedy(List<FaceBox> boxes, List<FaceBox> detections, boolean[] matched) {
    record Pair(int box, int detection, float iou) {}
    List<Pair> pairs = new ArrayList<>();
    for (int b = 0; b < boxes.size(); b++) {
      for (int d = 0; d < detections.size(); d++) {
        float iou = boxes.get(b).iou(detections.get(d));
        if (iou >= MIN_IOU) {
          pairs.add(new Pair(b, d, iou));
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
    boolean[] taken = new boolean[detections.size()];
    int count = 0;
    for (Pair p : pairs) {
      if (!matched[p.box] && !taken[p.detection]) {
        matched[p.box] = true;
        taken[p.detection] = true;
        count++;
      }
    }
    for (int d = detections.size() - 1; d >= 0; d--) {
      if (taken[d]) {
        detections.remove(d);
      }
    }
    return count;
  }

  static FaceBox clip(FaceBox box, int width, int height) {
    float x0 = Math.max(0, box.x());
    float y0 = Math.max(0, box.y());
    float x1 = Math.min(width, box.x() + box.width());
    float y1 = Math.min(height, box.y() + box.height());
    return new FaceBox(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
  }

  /** The box file's faces by path as written, in file order. */
  public static Map<String, List<Truth>> parse(List<String> lines) {
    Map<String, List<Truth>> byPhoto = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] v = line.split("\t");
      if (v.length < 5) {
        throw new IllegalArgumentException(
            "a box line needs path, x, y, width, height (tab-separated): " + line);
      }
      FaceBox box =
          new FaceBox(
              Float.parseFloat(v[1].trim()),
              Float.parseFloat(v[2].trim()),
              Float.parseFloat(v[3].trim()),
              Float.parseFloat(v[4].trim()));
      String note = v.length > 5 ? v[5].trim() : "";
      byPhoto.computeIfAbsent(v[0].trim(), k -> new ArrayList<>()).add(new Truth(box, note));
    }
    return byPhoto;
  }

  /** {@code x,y,w,h;x,y,w,h} in whole pixels, for per-photo lines. */
  public static String boxes(List<FaceBox> boxes) {
    return boxes.stream()
        .map(
            b ->
                String.format(
                    Locale.ROOT,
                    "%d,%d,%d,%d",
                    Math.round(b.x()),
                    Math.round(b.y()),
                    Math.round(b.width()),
                    Math.round(b.height())))
        .collect(Collectors.joining(";"));
  }
}
