package app.glimpse.faces.cli;

import app.glimpse.faces.FaceBox;
import app.glimpse.faces.cli.EventSet.EventPhoto;
import app.glimpse.faces.cli.EventSet.Face;
import app.glimpse.faces.cli.EventSet.Placed;
import app.glimpse.faces.cli.EventSet.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Renders one event photo of an {@link EventSet}: lays out whole photos as a wide shot or a
 * collage, applies its condition and writes the JPEG. Everything random comes from the plan's own
 * seed.
 */
final class EventFrame {
  private static final int W = EventSet.WIDTH;
  private static final int H = EventSet.HEIGHT;

  /** Album page colours (BGR): cream, black, kraft, navy, grey. */
  private static final double[][] PAGES = {
    {222, 232, 238}, {28, 28, 30}, {112, 150, 182}, {72, 44, 30}, {120, 120, 118}
  };

  private final EventSet.Plan plan;
  private final Path out;
  private final Random random;
  private final String condition;
  private List<FaceBox> labelledBoxes = List.of();

  /** A photo ready to lay down: pixels, coverage (32F, 0-1) and its faces in its own pixels. */
  private record Tile(Mat image, Mat alpha, Mat plain, Face main, List<Face> others) {
    void release() {
      EventSet.release(image, alpha, plain);
    }
  }

  private record Laid(Tile tile, int x, int y) {}

  EventFrame(EventSet.Plan plan, Path out) {
    this.plan = plan;
    this.out = out;
    this.random = new Random(plan.seed());
    this.condition = plan.condition();
  }

  EventPhoto render() throws IOException {
    List<Laid> laid = new ArrayList<>();
    Mat canvas = null;
    try {
      List<Rect> taken = new ArrayList<>();
      for (Source source : plan.labelled()) {
        laid.add(lay(source, true, taken));
      }
      for (Source source : plan.strangers()) {
        laid.add(lay(source, false, taken));
      }
      canvas = plan.collage() ? page() : backdrop(laid.get(0));
      for (Laid l : laid) {
        if (plan.collage()) {
          shadow(canvas, l);
        }
        composite(canvas, l.tile().image(), l.tile().alpha(), l.x(), l.y(), 1);
      }
      List<Placed> faces = new ArrayList<>();
      double widths = 0;
      for (int i = 0; i < plan.labelled().size(); i++) {
        Laid l = laid.get(i);
        FaceBox box = EventSet.rounded(shift(l.tile().main().box(), l));
        widths += box.width();
        faces.add(new Placed(plan.labelled().get(i).identity(), box));
      }
      for (Laid l : laid) {
        for (Face other : l.tile().others()) {
          FaceBox box = shift(other.box(), l);
          float cx = box.x() + box.width() / 2;
          float cy = box.y() + box.height() / 2;
          boolean inside =
              box.x() >= 0
                  && box.y() >= 0
                  && box.x() + box.width() <= W
                  && box.y() + box.height() <= H;
          if (inside || (condition.equals("edge") && cx > 0 && cy > 0 && cx < W && cy < H)) {
            faces.add(new Placed("stranger", EventSet.rounded(box)));
          }
        }
      }
      labelledBoxes =
          faces.stream().filter(f -> !f.identity().equals("stranger")).map(Placed::box).toList();
      int quality = degrade(canvas, widths / plan.labelled().size());
      PastedFaces.writeJpeg(canvas, out.resolve(plan.file()), quality);
      return new EventPhoto(plan.file(), condition, List.copyOf(faces), plan.sources());
    } finally {
      laid.forEach(l -> l.tile().release());
      EventSet.release(canvas);
    }
  }

  private static FaceBox shift(FaceBox box, Laid l) {
    return new FaceBox(box.x() + l.x(), box.y() + l.y(), box.width(), box.height());
  }

  // ---------------------------------------------------------------------------------------------
  // Tiles and layout

  /**
   * Makes a tile of the source and finds it a place clear of the others; when there is no room,
   * tries again with smaller faces.
   */
  private Laid lay(Source source, boolean labelled, List<Rect> taken) {
    double maxFace = EventSet.MAX_FACE;
    for (int attempt = 0; attempt < 12; attempt++) {
      Tile tile = tile(source, labelled, maxFace);
      Point at = labelled && condition.equals("edge") ? edgeSpot(tile, taken) : spot(tile, taken);
      if (at != null) {
        return new Laid(tile, (int) at.x, (int) at.y);
      }
      tile.release();
      maxFace = Math.max(EventSet.MIN_FACE + 1, maxFace * 0.75);
    }
    throw new IllegalStateException("no room for " + source.file() + " in " + plan.file());
  }

  private Tile tile(Source source, boolean labelled, double maxFace) {
    Mat image = source.image().clone();
    Face main = source.main();
    List<Face> others = new ArrayList<>(source.others());
    if (condition.equals("mirror")) {
      Core.flip(image, image, 1);
      int w = image.cols();
      main = main == null ? null : main.transformed(-1, 0, w, 0, 1, 0);
      others.replaceAll(f -> f.transformed(-1, 0, w, 0, 1, 0));
    }
    double angle =
        labelled && condition.equals("rotation")
            ? (random.nextBoolean() ? 1 : -1) * (10 + 20 * random.nextDouble())
            : 0;
    // The face the size is about: the labelled one, or a group photo's middle-sized face.
    Face reference = main;
    if (reference == null) {
      List<Face> sorted = new ArrayList<>(others);
      sorted.sort((a, b) -> Double.compare(a.width(), b.width()));
      reference = sorted.get(sorted.size() / 2);
    }
    // Recorded width (after any rotation) log-uniform, kept clear of the limits by rounding.
    double target =
        PastedFaces.faceSize(random, EventSet.MIN_FACE + 0.5, Math.max(maxFace - 0.5, 31));
    double grow = 1;
    if (angle != 0) {
      double rad = Math.toRadians(angle);
      FaceBox b = reference.box();
      grow =
          (Math.abs(Math.cos(rad)) * b.width() + Math.abs(Math.sin(rad)) * b.height()) / b.width();
    }
    double scale = target / grow / reference.width();
    Mat scaled = new Mat();
    Imgproc.resize(
        image,
        scaled,
        EventSet.scaledSize(image, scale),
        0,
        0,
        scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
    double sx = (double) scaled.cols() / image.cols();
    double sy = (double) scaled.rows() / image.rows();
    image.release();
    image = scaled;
    main = main == null ? null : main.transformed(sx, 0, 0, 0, sy, 0);
    others.replaceAll(f -> f.transformed(sx, 0, 0, 0, sy, 0));
    Mat plain = image.clone();
    if (labelled && condition.equals("occlusion")) {
      EventProps.occlude(image, main, random);
    }
    Mat alpha;
    if (plan.collage()) {
      int border = (int) Math.max(5, Math.round(0.035 * Math.min(image.cols(), image.rows())));
      int bottom = random.nextInt(3) == 0 ? border * 3 : border;
      double paper = 236 + random.nextInt(16);
      Mat framed = new Mat();
      Core.copyMakeBorder(
          image,
          framed,
          border,
          bottom,
          border,
          border,
          Core.BORDER_CONSTANT,
          new Scalar(paper - 4, paper - 1, paper));
      image.release();
      image = framed;
      main = main == null ? null : main.transformed(1, 0, border, 0, 1, border);
      others.replaceAll(f -> f.transformed(1, 0, border, 0, 1, border));
      alpha = new Mat(image.size(), CvType.CV_32FC1, Scalar.all(1));
    } else {
      alpha = feather(image.cols(), image.rows());
    }
    if (angle != 0) {
      Mat rotation =
          Imgproc.getRotationMatrix2D(
              new Point(image.cols() / 2.0, image.rows() / 2.0), angle, 1.0);
      double rad = Math.toRadians(angle);
      int nw =
          (int)
              Math.ceil(
                  Math.abs(Math.cos(rad)) * image.cols() + Math.abs(Math.sin(rad)) * image.rows());
      int nh =
          (int)
              Math.ceil(
                  Math.abs(Math.sin(rad)) * image.cols() + Math.abs(Math.cos(rad)) * image.rows());
      rotation.put(0, 2, rotation.get(0, 2)[0] + (nw - image.cols()) / 2.0);
      rotation.put(1, 2, rotation.get(1, 2)[0] + (nh - image.rows()) / 2.0);
      Mat turned = new Mat();
      Mat turnedAlpha = new Mat();
      Imgproc.warpAffine(
          image,
          turned,
          rotation,
          new Size(nw, nh),
          Imgproc.INTER_LINEAR,
          Core.BORDER_CONSTANT,
          Scalar.all(0));
      Imgproc.warpAffine(
          alpha,
          turnedAlpha,
          rotation,
          new Size(nw, nh),
          Imgproc.INTER_LINEAR,
          Core.BORDER_CONSTANT,
          Scalar.all(0));
      double[] m = new double[6];
      for (int i = 0; i < 6; i++) {
        m[i] = rotation.get(i / 3, i % 3)[0];
      }
      rotation.release();
      image.release();
      alpha.release();
      image = turned;
      alpha = turnedAlpha;
      main = main == null ? null : main.transformed(m[0], m[1], m[2], m[3], m[4], m[5]);
      others.replaceAll(f -> f.transformed(m[0], m[1], m[2], m[3], m[4], m[5]));
    }
    return new Tile(image, alpha, plain, main, List.copyOf(others));
  }

  /** Coverage that fades out over the outer 8% of a photo, so it melts into the backdrop. */
  private static Mat feather(int w, int h) {
    double f = Math.max(4, 0.08 * Math.min(w, h));
    Mat alpha = new Mat(h, w, CvType.CV_32FC1, Scalar.all(0));
    int inset = (int) Math.round(f / 2);
    Imgproc.rectangle(
        alpha, new Point(inset, inset), new Point(w - 1 - inset, h - 1 - inset), Scalar.all(1), -1);
    Imgproc.GaussianBlur(alpha, alpha, new Size(0, 0), f / 4);
    return alpha;
  }

  /** A free spot for the whole tile inside the frame, or null. */
  private Point spot(Tile tile, List<Rect> taken) {
    int w = tile.image().cols();
    int h = tile.image().rows();
    int margin = plan.collage() ? 40 : 10;
    int gap = plan.collage() ? 30 + random.nextInt(40) : 10;
    if (w > W - 2 * margin || h > H - 2 * margin) {
      return null;
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      int x = margin + random.nextInt(W - 2 * margin - w + 1);
      int y = margin + random.nextInt(H - 2 * margin - h + 1);
      Rect area = new Rect(x, y, w, h);
      if (free(area, taken, gap)) {
        taken.add(area);
        return new Point(x, y);
      }
    }
    return null;
  }

  /**
   * A spot where the frame edge cuts the labelled face (15-45% of it from a side, less from the top
   * or bottom) while an eye and the mouth stay in, or null.
   */
  private Point edgeSpot(Tile tile, List<Rect> taken) {
    int w = tile.image().cols();
    int h = tile.image().rows();
    FaceBox f = tile.main().box();
    for (int attempt = 0; attempt < 200; attempt++) {
      int side = random.nextInt(4);
      double cut =
          switch (side) {
            case 0, 1 -> 0.15 + 0.3 * random.nextDouble();
            case 2 -> 0.15 + 0.2 * random.nextDouble();
            default -> 0.05 + 0.09 * random.nextDouble();
          };
      int x;
      int y;
      if (side <= 1) {
        if (h > H) {
          return null;
        }
        x =
            (int)
                Math.round(
                    side == 0 ? -(f.x() + cut * f.width()) : W - (f.x() + (1 - cut) * f.width()));
        y = random.nextInt(H - h + 1);
      } else {
        if (w > W) {
          return null;
        }
        x = random.nextInt(W - w + 1);
        y =
            (int)
                Math.round(
                    side == 2 ? -(f.y() + cut * f.height()) : H - (f.y() + (1 - cut) * f.height()));
      }
      if (!eyeAndMouthVisible(tile.main(), x, y)) {
        continue;
      }
      Rect area = clip(new Rect(x, y, w, h));
      if (area.width > 0 && area.height > 0 && free(area, taken, 10)) {
        taken.add(area);
        return new Point(x, y);
      }
    }
    return null;
  }

  private static boolean eyeAndMouthVisible(Face face, int x, int y) {
    // Margins keep the whole eye and both lips in, not just the landmark points.
    double margin = 0.1 * face.width();
    Point mouth =
        new Point(
            (face.landmark(3).x + face.landmark(4).x) / 2 + x,
            (face.landmark(3).y + face.landmark(4).y) / 2 + y);
    boolean eye = false;
    for (int i = 0; i < 2; i++) {
      Point p = face.landmark(i);
      eye |= inside(new Point(p.x + x, p.y + y), margin);
    }
    return eye && inside(mouth, 1.3 * margin);
  }

  private static boolean inside(Point p, double margin) {
    return p.x >= margin && p.y >= margin && p.x <= W - margin && p.y <= H - margin;
  }

  private static Rect clip(Rect r) {
    int x0 = Math.max(0, r.x);
    int y0 = Math.max(0, r.y);
    int x1 = Math.min(W, r.x + r.width);
    int y1 = Math.min(H, r.y + r.height);
    return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
  }

  private static boolean free(Rect area, List<Rect> taken, int gap) {
    for (Rect t : taken) {
      if (area.x < t.x + t.width + gap
          && area.x + area.width + gap > t.x
          && area.y < t.y + t.height + gap
          && area.y + area.height + gap > t.y) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Backgrounds and compositing

  /**
   * The wide shot's surroundings: the first photo's own edges carried outwards and strongly blurred
   * (as if the scene went on out of focus), with a few soft light spots and a vignette.
   */
  private Mat backdrop(Laid first) {
    int f = 8;
    Mat plain = first.tile().plain();
    Mat small = new Mat();
    Mat low = new Mat();
    Mat canvas = new Mat();
    try {
      Imgproc.resize(plain, small, EventSet.scaledSize(plain, 1.0 / f), 0, 0, Imgproc.INTER_AREA);
      double cx = first.x() + first.tile().image().cols() / 2.0;
      double cy = first.y() + first.tile().image().rows() / 2.0;
      Mat shift = new Mat(2, 3, CvType.CV_64FC1);
      shift.put(0, 0, 1, 0, (cx - plain.cols() / 2.0) / f, 0, 1, (cy - plain.rows() / 2.0) / f);
      Imgproc.warpAffine(
          small, low, shift, new Size(W / f, H / f), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
      shift.release();
      Imgproc.GaussianBlur(low, low, new Size(0, 0), 5 + 4 * random.nextDouble());
      int spots = 6 + random.nextInt(18);
      for (int i = 0; i < spots; i++) {
        Point at = new Point(random.nextInt(W / f), random.nextInt(H / f));
        double[] c = low.get((int) at.y, (int) at.x);
        double lift = 40 + random.nextInt(60);
        Mat layer = low.clone();
        Imgproc.circle(
            layer,
            at,
            2 + random.nextInt(7),
            EventSet.bgr(c[0] + lift, c[1] + lift, c[2] + lift),
            -1,
            Imgproc.LINE_AA);
        Core.addWeighted(layer, 0.35, low, 0.65, 0, low);
        layer.release();
      }
      Imgproc.GaussianBlur(low, low, new Size(0, 0), 0.8);
      vignette(low, 0.25 + 0.2 * random.nextDouble());
      Imgproc.resize(low, canvas, new Size(W, H), 0, 0, Imgproc.INTER_LINEAR);
      return canvas;
    } catch (RuntimeException e) {
      canvas.release();
      throw e;
    } finally {
      EventSet.release(small, low);
    }
  }

  /** An album page: one colour with a slow, faint unevenness. */
  private Mat page() {
    double[] base = PAGES[random.nextInt(PAGES.length)];
    Mat small = new Mat(14, 20, CvType.CV_8UC3);
    for (int y = 0; y < small.rows(); y++) {
      for (int x = 0; x < small.cols(); x++) {
        double d = random.nextGaussian() * 5;
        small.put(
            y,
            x,
            EventSet.clamp(base[0] + d, 0, 255),
            EventSet.clamp(base[1] + d, 0, 255),
            EventSet.clamp(base[2] + d, 0, 255));
      }
    }
    vignette(small, 0.15);
    Mat canvas = new Mat();
    Imgproc.resize(small, canvas, new Size(W, H), 0, 0, Imgproc.INTER_CUBIC);
    small.release();
    return canvas;
  }

  /** Darkens towards the corners by up to {@code strength}. */
  private static void vignette(Mat image, double strength) {
    Mat gain = new Mat(image.size(), CvType.CV_32FC3);
    float[] row = new float[image.cols() * 3];
    double cx = image.cols() / 2.0;
    double cy = image.rows() / 2.0;
    for (int y = 0; y < image.rows(); y++) {
      for (int x = 0; x < image.cols(); x++) {
        double dx = (x - cx) / cx;
        double dy = (y - cy) / cy;
        float g = (float) (1 - strength * Math.min(1, (dx * dx + dy * dy) / 2));
        row[3 * x] = g;
        row[3 * x + 1] = g;
        row[3 * x + 2] = g;
      }
      gain.put(y, 0, row);
    }
    Mat f = new Mat();
    image.convertTo(f, CvType.CV_32FC3);
    Core.multiply(f, gain, f);
    f.convertTo(image, image.type());
    EventSet.release(gain, f);
  }

  /** A soft drop shadow under a print. */
  private void shadow(Mat canvas, Laid l) {
    int sigma = 6 + random.nextInt(6);
    int pad = 3 * sigma;
    int offset = 4 + random.nextInt(8);
    Mat alpha = new Mat();
    Mat black = null;
    try {
      Core.copyMakeBorder(
          l.tile().alpha(), alpha, pad, pad, pad, pad, Core.BORDER_CONSTANT, Scalar.all(0));
      Imgproc.GaussianBlur(alpha, alpha, new Size(0, 0), sigma);
      black = new Mat(alpha.size(), CvType.CV_8UC3, Scalar.all(0));
      composite(canvas, black, alpha, l.x() - pad + offset, l.y() - pad + offset, 0.45);
    } finally {
      EventSet.release(alpha, black);
    }
  }

  /** canvas = canvas (1 - a) + image a over the part of the image that falls in the canvas. */
  static void composite(Mat canvas, Mat image, Mat alpha, int x, int y, double opacity) {
    Rect whole = new Rect(x, y, image.cols(), image.rows());
    int x0 = Math.max(0, whole.x);
    int y0 = Math.max(0, whole.y);
    int x1 = Math.min(canvas.cols(), whole.x + whole.width);
    int y1 = Math.min(canvas.rows(), whole.y + whole.height);
    if (x1 <= x0 || y1 <= y0) {
      return;
    }
    Rect onCanvas = new Rect(x0, y0, x1 - x0, y1 - y0);
    Rect inImage = new Rect(x0 - x, y0 - y, x1 - x0, y1 - y0);
    Mat dst = canvas.submat(onCanvas);
    Mat src = image.submat(inImage);
    Mat a = alpha.submat(inImage);
    Mat a3 = new Mat();
    Mat d = new Mat();
    Mat s = new Mat();
    try {
      Core.merge(List.of(a, a, a), a3);
      if (opacity != 1) {
        Core.multiply(a3, Scalar.all(opacity), a3);
      }
      dst.convertTo(d, CvType.CV_32FC3);
      src.convertTo(s, CvType.CV_32FC3);
      Core.subtract(s, d, s);
      Core.multiply(s, a3, s);
      Core.add(d, s, d);
      d.convertTo(dst, CvType.CV_8UC3);
    } finally {
      EventSet.release(dst, src, a, a3, d, s);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Conditions on the whole frame

  /** Applies the frame-wide part of the condition and returns the JPEG quality to write. */
  private int degrade(Mat canvas, double faceWidth) {
    switch (condition) {
      case "defocus" -> {
        if (random.nextBoolean()) {
          double sigma = faceWidth * (0.03 + 0.03 * random.nextDouble());
          Imgproc.GaussianBlur(canvas, canvas, new Size(0, 0), Math.max(0.8, sigma));
        } else {
          int radius =
              (int) Math.max(1, Math.round(faceWidth * (0.04 + 0.035 * random.nextDouble())));
          Mat kernel = new Mat(2 * radius + 1, 2 * radius + 1, CvType.CV_32FC1, Scalar.all(0));
          Imgproc.circle(
              kernel, new Point(radius, radius), radius, Scalar.all(1), -1, Imgproc.LINE_AA);
          Core.divide(kernel, Scalar.all(Core.sumElems(kernel).val[0]), kernel);
          Imgproc.filter2D(canvas, canvas, -1, kernel);
          kernel.release();
        }
        grain(canvas, 1.5);
      }
      case "motion" -> {
        int length = 5 + random.nextInt(11);
        int size = length % 2 == 0 ? length + 1 : length;
        double theta = random.nextDouble() * Math.PI;
        double half = (length - 1) / 2.0;
        Mat kernel = new Mat(size, size, CvType.CV_32FC1, Scalar.all(0));
        Point c = new Point(size / 2.0 - 0.5, size / 2.0 - 0.5);
        Imgproc.line(
            kernel,
            new Point(c.x - half * Math.cos(theta), c.y - half * Math.sin(theta)),
            new Point(c.x + half * Math.cos(theta), c.y + half * Math.sin(theta)),
            Scalar.all(1),
            1,
            Imgproc.LINE_AA);
        Core.divide(kernel, Scalar.all(Core.sumElems(kernel).val[0]), kernel);
        Imgproc.filter2D(canvas, canvas, -1, kernel);
        kernel.release();
        grain(canvas, 1.5);
      }
      case "noise" -> sensorNoise(canvas, 5 + 9 * random.nextDouble(), 1 + random.nextDouble());
      case "lowlight" -> {
        // Exposure set from the faces: their mean brightness ends at 35-75 of 255, as under dim
        // venue light, whatever the source photo's own exposure was.
        double gamma = 1.1 + 0.4 * random.nextDouble();
        double mean = faceBrightness(canvas);
        double target = 35 + 40 * random.nextDouble();
        double exposure =
            EventSet.clamp(target / (255 * Math.pow(Math.max(mean, 20) / 255.0, gamma)), 0.2, 0.9);
        Mat lut = new Mat(1, 256, CvType.CV_8UC1);
        for (int v = 0; v < 256; v++) {
          lut.put(0, v, EventSet.clamp(255 * exposure * Math.pow(v / 255.0, gamma), 0, 255));
        }
        Core.LUT(canvas, lut, canvas);
        lut.release();
        sensorNoise(canvas, 3 + 4 * random.nextDouble(), 2);
      }
      case "colourcast" -> {
        double s = 0.7 + 0.3 * random.nextDouble();
        Scalar gains =
            switch (random.nextInt(3)) {
              case 0 -> new Scalar(1 - 0.3 * s, 1 - 0.06 * s, 1 + 0.22 * s); // tungsten
              case 1 -> new Scalar(1 + 0.22 * s, 1 + 0.03 * s, 1 - 0.2 * s); // cool shade
              default -> new Scalar(1 - 0.1 * s, 1 + 0.15 * s, 1 - 0.14 * s); // fluorescent
            };
        Core.multiply(canvas, gains, canvas);
        grain(canvas, 1.5);
      }
      default -> grain(canvas, 1.5);
    }
    return condition.equals("jpeg") ? 40 + random.nextInt(31) : EventSet.QUALITY;
  }

  /** Mean grey level inside the labelled face boxes (their visible part). */
  private double faceBrightness(Mat canvas) {
    double sum = 0;
    int n = 0;
    for (FaceBox b : labelledBoxes) {
      Rect r =
          clip(
              new Rect(
                  (int) b.x(),
                  (int) b.y(),
                  (int) Math.ceil(b.width()),
                  (int) Math.ceil(b.height())));
      if (r.width > 0 && r.height > 0) {
        Mat face = canvas.submat(r);
        Scalar m = Core.mean(face);
        face.release();
        sum += 0.114 * m.val[0] + 0.587 * m.val[1] + 0.299 * m.val[2];
        n++;
      }
    }
    return n == 0 ? 128 : sum / n;
  }

  /**
   * Faint even grain, as every camera file has: a 600x500 noise tile repeated (at this strength the
   * repetition cannot be seen, and it is 20 times cheaper than full-frame noise).
   */
  private void grain(Mat canvas, double sigma) {
    Mat tile = new Mat(H / 4, W / 5, canvas.type());
    Mat noise = new Mat();
    Core.setRNGSeed(random.nextInt());
    Core.randn(tile, 128, sigma);
    Core.repeat(tile, 4, 5, noise);
    Core.addWeighted(canvas, 1, noise, 1, -128, canvas);
    EventSet.release(tile, noise);
  }

  /**
   * Sensor noise: about {@code sigma} at white, {@code 1 + shadowGain} times that at black. Drawn
   * at half resolution and enlarged, which also gives it the 2-pixel grain demosaicing leaves; in
   * 16-bit integers, which is twice as fast as floats on a 6 MP frame.
   */
  private void sensorNoise(Mat canvas, double sigma, double shadowGain) {
    Mat half = new Mat();
    Mat gray = new Mat();
    Mat lut = new Mat(1, 256, CvType.CV_8UC1);
    Mat gain = new Mat();
    Mat gain16 = new Mat();
    Mat noise = new Mat(H / 2, W / 2, CvType.CV_16SC3);
    Mat full = new Mat();
    Mat sum = new Mat();
    Mat none = new Mat();
    try {
      Imgproc.resize(canvas, half, new Size(W / 2, H / 2), 0, 0, Imgproc.INTER_AREA);
      Imgproc.cvtColor(half, gray, Imgproc.COLOR_BGR2GRAY);
      for (int v = 0; v < 256; v++) {
        lut.put(0, v, Math.round(64 * (1 + shadowGain * (1 - v / 255.0))));
      }
      Core.LUT(gray, lut, gray);
      Imgproc.cvtColor(gray, gain, Imgproc.COLOR_GRAY2BGR);
      gain.convertTo(gain16, CvType.CV_16SC3);
      Core.setRNGSeed(random.nextInt());
      // Four times the deviation for precision, gain in 64ths; bilinear enlarging keeps about 0.7
      // of white noise's deviation.
      Core.randn(noise, 0, 4 * sigma / 0.7);
      Core.multiply(noise, gain16, noise, 1 / 256.0);
      Imgproc.resize(noise, full, new Size(W, H), 0, 0, Imgproc.INTER_LINEAR);
      Core.add(canvas, full, sum, none, CvType.CV_16SC3);
      sum.convertTo(canvas, CvType.CV_8UC3);
    } finally {
      EventSet.release(half, gray, lut, gain, gain16, noise, full, sum, none);
    }
  }
}
