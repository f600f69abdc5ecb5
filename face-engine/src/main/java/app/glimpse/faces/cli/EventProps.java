package app.glimpse.faces.cli;

import app.glimpse.faces.FaceBox;
import app.glimpse.faces.cli.EventSet.Face;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Things in front of a face at an event, drawn at the face's final size from YuNet's landmarks:
 * sunglasses over the eyes, a hand over a cheek or the mouth, a microphone or a glass in front of
 * the lower face. Lengths are in face widths ({@code u}) along the face's own axes, so a tilted
 * face gets tilted props.
 */
final class EventProps {
  private EventProps() {}

  /** Face axes: eye line ({@code along}), its perpendicular towards the chin ({@code down}). */
  private record Axes(Point along, Point down, double u) {
    Point at(Point origin, double a, double d) {
      return new Point(
          origin.x + (along.x * a + down.x * d) * u, origin.y + (along.y * a + down.y * d) * u);
    }

    /** Unit vector turned from "up" (towards the forehead) by {@code degrees}, clockwise. */
    Point up(double degrees) {
      double r = Math.toRadians(degrees);
      double ux = -down.x;
      double uy = -down.y;
      return new Point(ux * Math.cos(r) - uy * Math.sin(r), ux * Math.sin(r) + uy * Math.cos(r));
    }
  }

  /** Draws one prop, chosen at random, over the face; {@code face} is in the image's pixels. */
  static void occlude(Mat image, Face face, Random random) {
    FaceBox box = face.box();
    // Work on the face's surroundings only: props reach about a face width beyond the box.
    int x0 = (int) Math.max(0, box.x() - box.width());
    int y0 = (int) Math.max(0, box.y() - box.width());
    int x1 = (int) Math.min(image.cols(), box.x() + 2 * box.width());
    int y1 = (int) Math.min(image.rows(), box.y() + box.height() + 2 * box.width());
    Rect area = new Rect(x0, y0, x1 - x0, y1 - y0);
    Mat roi = image.submat(area);
    try {
      Face local = face.transformed(1, 0, -x0, 0, 1, -y0);
      Point e1 = local.landmark(0);
      Point e2 = local.landmark(1);
      double ex = e2.x - e1.x;
      double ey = e2.y - e1.y;
      double d = Math.hypot(ex, ey);
      Point along = new Point(ex / d, ey / d);
      Point down = new Point(-along.y, along.x);
      Axes axes = new Axes(along, down, box.width());
      switch (random.nextInt(4)) {
        case 0 -> sunglasses(roi, local, axes, random);
        case 1 -> hand(roi, local, axes, random);
        case 2 -> microphone(roi, local, axes, random);
        default -> glass(roi, local, axes, random);
      }
    } finally {
      roi.release();
    }
  }

  private static Point mouth(Face face) {
    Point a = face.landmark(3);
    Point b = face.landmark(4);
    return new Point((a.x + b.x) / 2, (a.y + b.y) / 2);
  }

  private static int px(double v) {
    return (int) Math.max(1, Math.round(v));
  }

  // ---------------------------------------------------------------------------------------------

  private static void sunglasses(Mat roi, Face face, Axes axes, Random random) {
    Point e1 = face.landmark(0);
    Point e2 = face.landmark(1);
    double d = Math.hypot(e2.x - e1.x, e2.y - e1.y);
    double angle = Math.toDegrees(Math.atan2(axes.along().y, axes.along().x));
    double a = d * (0.4 + 0.05 * random.nextDouble());
    double b = d * (0.27 + 0.05 * random.nextDouble());
    double[][] tints = {{22, 22, 24}, {18, 30, 48}, {22, 36, 24}, {70, 48, 28}};
    double[] tint = tints[random.nextInt(tints.length)];
    double[][] frames = {{8, 8, 8}, {20, 45, 80}, {60, 140, 190}, {8, 8, 8}};
    double[] frame = frames[random.nextInt(frames.length)];
    Point[] centres = new Point[2];
    Mat layer = new Mat(roi.size(), roi.type(), Scalar.all(0));
    Mat mask = new Mat(roi.size(), CvType.CV_8UC1, Scalar.all(0));
    try {
      for (int i = 0; i < 2; i++) {
        Point e = i == 0 ? e1 : e2;
        centres[i] = new Point(e.x + axes.down().x * 0.06 * d, e.y + axes.down().y * 0.06 * d);
        Size axesSize = new Size(a, b);
        Imgproc.ellipse(
            layer,
            centres[i],
            axesSize,
            angle,
            0,
            360,
            EventSet.bgr(tint[0], tint[1], tint[2]),
            -1,
            Imgproc.LINE_AA);
        // Lenses darken towards the top, as gradient lenses do.
        Imgproc.ellipse(
            layer,
            new Point(
                centres[i].x + axes.down().x * 0.35 * b, centres[i].y + axes.down().y * 0.35 * b),
            new Size(a * 0.8, b * 0.55),
            angle,
            0,
            360,
            EventSet.bgr(tint[0] + 22, tint[1] + 22, tint[2] + 22),
            -1,
            Imgproc.LINE_AA);
        Imgproc.ellipse(
            mask, centres[i], axesSize, angle, 0, 360, Scalar.all(255), -1, Imgproc.LINE_AA);
      }
      Imgproc.GaussianBlur(layer, layer, new Size(0, 0), Math.max(0.6, 0.08 * b));
      blend(roi, layer, mask, 0.94, 0.5);
      Scalar frameColour = EventSet.bgr(frame[0], frame[1], frame[2]);
      int thick = px(0.05 * d);
      for (int i = 0; i < 2; i++) {
        Imgproc.ellipse(
            roi, centres[i], new Size(a, b), angle, 0, 360, frameColour, thick, Imgproc.LINE_AA);
        // A highlight on the upper outer part of each lens.
        Imgproc.ellipse(
            roi,
            centres[i],
            new Size(a * 0.7, b * 0.6),
            angle,
            200,
            250,
            EventSet.bgr(150, 150, 150),
            px(0.04 * d),
            Imgproc.LINE_AA);
      }
      Point in1 = axes.at(centres[0], a / axes.u(), -0.1 * b / axes.u());
      Point in2 = axes.at(centres[1], -a / axes.u(), -0.1 * b / axes.u());
      Point mid =
          axes.at(new Point((in1.x + in2.x) / 2, (in1.y + in2.y) / 2), 0, -0.12 * d / axes.u());
      Imgproc.line(roi, in1, mid, frameColour, px(0.06 * d), Imgproc.LINE_AA);
      Imgproc.line(roi, mid, in2, frameColour, px(0.06 * d), Imgproc.LINE_AA);
      Point out1 = axes.at(centres[0], -a / axes.u(), -0.2 * b / axes.u());
      Point out2 = axes.at(centres[1], a / axes.u(), -0.2 * b / axes.u());
      Imgproc.line(
          roi, out1, axes.at(out1, -0.08, -0.02), frameColour, px(0.06 * d), Imgproc.LINE_AA);
      Imgproc.line(
          roi, out2, axes.at(out2, 0.08, -0.02), frameColour, px(0.06 * d), Imgproc.LINE_AA);
    } finally {
      EventSet.release(layer, mask);
    }
  }

  /** The face's skin colour: mean of two cheek patches, between each eye and mouth corner. */
  private static double[] skin(Mat roi, Face face) {
    double[] sum = new double[3];
    int n = 0;
    double r = Math.max(1, 0.05 * face.width());
    for (int side = 0; side < 2; side++) {
      Point e = face.landmark(side);
      Point m = face.landmark(3 + side);
      int cx = (int) Math.round((e.x + m.x) / 2);
      int cy = (int) Math.round((e.y + m.y) / 2);
      for (int y = (int) (cy - r); y <= cy + r; y++) {
        for (int x = (int) (cx - r); x <= cx + r; x++) {
          if (x >= 0 && y >= 0 && x < roi.cols() && y < roi.rows()) {
            double[] p = roi.get(y, x);
            sum[0] += p[0];
            sum[1] += p[1];
            sum[2] += p[2];
            n++;
          }
        }
      }
    }
    if (n == 0) {
      return new double[] {120, 150, 200};
    }
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }

  private static void hand(Mat roi, Face face, Axes axes, Random random) {
    double[] s = skin(roi, face);
    double k = 0.92 + 0.14 * random.nextDouble();
    double[] base = {s[0] * k * 0.96, s[1] * k * 0.98, s[2] * k * 1.03};
    boolean overMouth = random.nextBoolean();
    int side = random.nextBoolean() ? 1 : -1;
    Point palm;
    double tilt;
    double fingerScale;
    if (overMouth) {
      palm = axes.at(mouth(face), 0.04 * side, 0.16);
      tilt = side * (10 + 25 * random.nextDouble());
      fingerScale = 0.75;
    } else {
      Point e = face.landmark(side < 0 ? 0 : 1);
      Point m = face.landmark(side < 0 ? 3 : 4);
      palm = axes.at(new Point((e.x + m.x) / 2, (e.y + m.y) / 2), 0.14 * side, 0.22);
      tilt = -side * (5 + 20 * random.nextDouble());
      fingerScale = 0.85;
    }
    drawHand(roi, axes, palm, tilt, fingerScale, base, random);
  }

  /**
   * The back of a hand: wrist, palm, four fingers fanning out and a thumb, each outlined a little
   * darker, lit from above.
   */
  private static void drawHand(
      Mat roi,
      Axes axes,
      Point palm,
      double tilt,
      double fingerScale,
      double[] base,
      Random random) {
    double u = axes.u();
    Point h = axes.up(tilt);
    Point across = new Point(-h.y, h.x);
    Scalar fill = EventSet.bgr(base[0], base[1], base[2]);
    Scalar edge = EventSet.bgr(base[0] * 0.86, base[1] * 0.84, base[2] * 0.87);
    Mat layer = new Mat(roi.size(), roi.type(), Scalar.all(0));
    Mat mask = new Mat(roi.size(), CvType.CV_8UC1, Scalar.all(0));
    try {
      int wristThick = px(0.36 * u);
      Point wristEnd = new Point(palm.x - h.x * 0.6 * u, palm.y - h.y * 0.6 * u);
      Point wristStart = new Point(palm.x - h.x * 0.1 * u, palm.y - h.y * 0.1 * u);
      stroke(layer, mask, wristStart, wristEnd, wristThick, fill, edge, u);
      double angle = Math.toDegrees(Math.atan2(h.y, h.x));
      Imgproc.ellipse(
          layer, palm, new Size(0.25 * u, 0.2 * u), angle, 0, 360, edge, -1, Imgproc.LINE_AA);
      Imgproc.ellipse(
          layer,
          palm,
          new Size(0.25 * u - px(0.012 * u), 0.2 * u - px(0.012 * u)),
          angle,
          0,
          360,
          fill,
          -1,
          Imgproc.LINE_AA);
      Imgproc.ellipse(
          mask,
          palm,
          new Size(0.25 * u, 0.2 * u),
          angle,
          0,
          360,
          Scalar.all(255),
          -1,
          Imgproc.LINE_AA);
      double[] offsets = {-0.12, -0.04, 0.04, 0.12};
      double[] lengths = {0.25, 0.31, 0.3, 0.23};
      double[] fan = {-5, -1.5, 1.5, 5};
      for (int i = 0; i < 4; i++) {
        Point start =
            new Point(
                palm.x + h.x * 0.12 * u + across.x * offsets[i] * u,
                palm.y + h.y * 0.12 * u + across.y * offsets[i] * u);
        Point dir = rotate(h, fan[i] + random.nextGaussian() * 2);
        double len = lengths[i] * fingerScale * u;
        Point end = new Point(start.x + dir.x * len, start.y + dir.y * len);
        stroke(layer, mask, start, end, px(0.1 * u), fill, edge, u);
      }
      int thumbSide = random.nextBoolean() ? 1 : -1;
      Point thumbStart =
          new Point(
              palm.x + across.x * thumbSide * 0.17 * u - h.x * 0.05 * u,
              palm.y + across.y * thumbSide * 0.17 * u - h.y * 0.05 * u);
      Point thumbDir = rotate(h, thumbSide * 50);
      Point thumbEnd =
          new Point(thumbStart.x + thumbDir.x * 0.2 * u, thumbStart.y + thumbDir.y * 0.2 * u);
      stroke(layer, mask, thumbStart, thumbEnd, px(0.1 * u), fill, edge, u);
      light(layer, mask, h, palm, u);
      // As soft as the photo around it: a drawn edge is sharper than anything a camera records.
      Imgproc.GaussianBlur(layer, layer, new Size(0, 0), Math.max(0.5, 0.012 * u));
      blend(roi, layer, mask, 1, Math.max(0.6, 0.01 * u));
    } finally {
      EventSet.release(layer, mask);
    }
  }

  /** A round-ended limb with a darker rim. */
  private static void stroke(
      Mat layer, Mat mask, Point a, Point b, int thick, Scalar fill, Scalar edge, double u) {
    int rim = px(0.012 * u);
    Imgproc.line(layer, a, b, edge, thick, Imgproc.LINE_AA);
    Imgproc.line(layer, a, b, fill, Math.max(1, thick - 2 * rim), Imgproc.LINE_AA);
    Imgproc.line(mask, a, b, Scalar.all(255), thick, Imgproc.LINE_AA);
  }

  /** Brighter towards {@code up}, darker away from it (light from above). */
  private static void light(Mat layer, Mat mask, Point up, Point centre, double u) {
    Mat f = new Mat();
    layer.convertTo(f, CvType.CV_32FC3);
    float[] row = new float[layer.cols() * 3];
    for (int y = 0; y < layer.rows(); y++) {
      f.get(y, 0, row);
      for (int x = 0; x < layer.cols(); x++) {
        double t = ((x - centre.x) * up.x + (y - centre.y) * up.y) / u;
        float g = (float) EventSet.clamp(1 + 0.25 * t, 0.75, 1.12);
        row[3 * x] *= g;
        row[3 * x + 1] *= g;
        row[3 * x + 2] *= g;
      }
      f.put(y, 0, row);
    }
    f.convertTo(layer, layer.type());
    f.release();
  }

  private static Point rotate(Point v, double degrees) {
    double r = Math.toRadians(degrees);
    return new Point(v.x * Math.cos(r) - v.y * Math.sin(r), v.x * Math.sin(r) + v.y * Math.cos(r));
  }

  // ---------------------------------------------------------------------------------------------

  private static void microphone(Mat roi, Face face, Axes axes, Random random) {
    double u = axes.u();
    double radius = (0.19 + 0.06 * random.nextDouble()) * u;
    Point ball = axes.at(mouth(face), (random.nextDouble() - 0.5) * 0.12, 0.12);
    Point dir =
        rotate(axes.down(), (random.nextBoolean() ? 1 : -1) * (15 + 25 * random.nextDouble()));
    boolean silver = random.nextInt(3) == 0;
    Point neck = new Point(ball.x + dir.x * radius * 0.9, ball.y + dir.y * radius * 0.9);
    Point end = new Point(ball.x + dir.x * (radius + 1.4 * u), ball.y + dir.y * (radius + 1.4 * u));
    Point across = new Point(-dir.y, dir.x);
    Imgproc.line(roi, neck, end, EventSet.bgr(24, 24, 26), px(0.15 * u), Imgproc.LINE_AA);
    Imgproc.line(
        roi,
        new Point(neck.x + across.x * 0.035 * u, neck.y + across.y * 0.035 * u),
        new Point(end.x + across.x * 0.035 * u, end.y + across.y * 0.035 * u),
        EventSet.bgr(75, 75, 80),
        px(0.025 * u),
        Imgproc.LINE_AA);
    Imgproc.line(
        roi,
        new Point(ball.x + dir.x * radius * 0.8, ball.y + dir.y * radius * 0.8),
        new Point(ball.x + dir.x * radius * 1.15, ball.y + dir.y * radius * 1.15),
        silver ? EventSet.bgr(40, 40, 40) : EventSet.bgr(150, 150, 156),
        px(0.19 * u),
        Imgproc.LINE_AA);
    // The grille: a lit sphere with a diagonal mesh.
    double[] colour = silver ? new double[] {170, 170, 175} : new double[] {70, 70, 74};
    double mesh = Math.max(2.2, radius / 3.2);
    Mat layer = new Mat(roi.size(), roi.type(), Scalar.all(0));
    Mat mask = new Mat(roi.size(), CvType.CV_8UC1, Scalar.all(0));
    try {
      Imgproc.circle(mask, ball, (int) Math.round(radius), Scalar.all(255), -1, Imgproc.LINE_AA);
      double lx = -0.4;
      double ly = -0.5;
      double lz = 0.77;
      for (int y = (int) (ball.y - radius - 1); y <= ball.y + radius + 1; y++) {
        for (int x = (int) (ball.x - radius - 1); x <= ball.x + radius + 1; x++) {
          if (x < 0 || y < 0 || x >= roi.cols() || y >= roi.rows()) {
            continue;
          }
          double nx = (x - ball.x) / radius;
          double ny = (y - ball.y) / radius;
          double rr = nx * nx + ny * ny;
          if (rr > 1.05) {
            continue;
          }
          double nz = Math.sqrt(Math.max(0, 1 - rr));
          double shade = 0.35 + 0.75 * Math.max(0, nx * lx + ny * ly + nz * lz);
          double a = (x + y) / mesh;
          double b = (x - y) / mesh;
          boolean wire = a - Math.floor(a) < 0.3 || b - Math.floor(b) < 0.3;
          double g = shade * (wire ? 0.6 : 1.0);
          layer.put(y, x, colour[0] * g, colour[1] * g, colour[2] * g);
        }
      }
      blend(roi, layer, mask, 1, 0.5);
    } finally {
      EventSet.release(layer, mask);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static void glass(Mat roi, Face face, Axes axes, Random random) {
    double u = axes.u();
    double top = 0.44 * u / 2;
    double bottom = 0.37 * u / 2;
    double height = (0.6 + 0.15 * random.nextDouble());
    Point rim = axes.at(mouth(face), (random.nextDouble() - 0.5) * 0.16, -0.06);
    Point[] body = {
      axes.at(rim, -top / u, 0),
      axes.at(rim, top / u, 0),
      axes.at(rim, bottom / u, height),
      axes.at(rim, -bottom / u, height)
    };
    double fill = 0.35 + 0.4 * random.nextDouble();
    double[][] drinks = {
      {40, 150, 215, 0.62},
      {45, 15, 95, 0.82},
      {120, 200, 225, 0.4},
      {20, 24, 36, 0.85},
      {0, 0, 0, 0}
    };
    double[] drink = drinks[random.nextInt(drinks.length)];
    Mat mask = new Mat(roi.size(), CvType.CV_8UC1, Scalar.all(0));
    Mat refracted = new Mat();
    Mat shift = new Mat(2, 3, CvType.CV_64FC1);
    Mat liquid = new Mat(roi.size(), roi.type(), Scalar.all(0));
    Mat liquidMask = new Mat(roi.size(), CvType.CV_8UC1, Scalar.all(0));
    MatOfPoint outline = new MatOfPoint(body);
    try {
      Imgproc.fillConvexPoly(mask, outline, Scalar.all(255), Imgproc.LINE_AA);
      // Behind the glass: shifted, softened and a little lighter, as seen through thick glass.
      shift.put(0, 0, 1, 0, 0.05 * u, 0, 1, 0);
      Imgproc.warpAffine(
          roi, refracted, shift, roi.size(), Imgproc.INTER_LINEAR, Core.BORDER_REFLECT);
      Imgproc.GaussianBlur(refracted, refracted, new Size(0, 0), Math.max(0.6, 0.02 * u));
      Core.addWeighted(refracted, 0.85, refracted, 0, 28, refracted);
      blend(roi, refracted, mask, 0.8, 0.4);
      if (drink[3] > 0) {
        Point l0 = lerp(body[0], body[3], 1 - fill);
        Point l1 = lerp(body[1], body[2], 1 - fill);
        MatOfPoint level = new MatOfPoint(l0, l1, body[2], body[3]);
        liquid.setTo(EventSet.bgr(drink[0], drink[1], drink[2]));
        Imgproc.fillConvexPoly(liquidMask, level, Scalar.all(255), Imgproc.LINE_AA);
        level.release();
        blend(roi, liquid, liquidMask, drink[3], 0.4);
        Imgproc.line(
            roi,
            l0,
            l1,
            EventSet.bgr(drink[0] + 60, drink[1] + 60, drink[2] + 60),
            px(0.015 * u),
            Imgproc.LINE_AA);
      }
      Scalar light = EventSet.bgr(215, 218, 220);
      double angle = Math.toDegrees(Math.atan2(axes.along().y, axes.along().x));
      Imgproc.ellipse(
          roi, rim, new Size(top, 0.045 * u), angle, 0, 360, light, px(0.015 * u), Imgproc.LINE_AA);
      Imgproc.line(
          roi, body[0], body[3], EventSet.bgr(190, 192, 195), px(0.012 * u), Imgproc.LINE_AA);
      Imgproc.line(
          roi, body[1], body[2], EventSet.bgr(160, 162, 165), px(0.012 * u), Imgproc.LINE_AA);
      Imgproc.ellipse(
          roi,
          axes.at(rim, 0, height),
          new Size(bottom, 0.04 * u),
          angle,
          0,
          180,
          light,
          px(0.03 * u),
          Imgproc.LINE_AA);
      // The specular streak down the glass.
      Mat streak = new Mat(roi.size(), roi.type(), Scalar.all(255));
      Mat streakMask = new Mat(roi.size(), CvType.CV_8UC1, Scalar.all(0));
      Imgproc.line(
          streakMask,
          lerp(body[0], body[1], 0.22),
          lerp(body[3], body[2], 0.22),
          Scalar.all(255),
          px(0.035 * u),
          Imgproc.LINE_AA);
      blend(roi, streak, streakMask, 0.45, 0.6);
      EventSet.release(streak, streakMask);
      // Fingers round the lower part of the glass.
      double[] s = skin(roi, face);
      Scalar skinFill = EventSet.bgr(s[0] * 0.97, s[1] * 0.98, s[2] * 1.02);
      Scalar skinEdge = EventSet.bgr(s[0] * 0.85, s[1] * 0.84, s[2] * 0.87);
      Mat hand = new Mat(roi.size(), roi.type(), Scalar.all(0));
      Mat handMask = new Mat(roi.size(), CvType.CV_8UC1, Scalar.all(0));
      int fromSide = random.nextBoolean() ? 1 : -1;
      for (int i = 0; i < 3; i++) {
        double d = height * (0.62 + 0.11 * i);
        Point a = axes.at(rim, fromSide * (top / u + 0.04), d);
        Point b = axes.at(rim, -fromSide * (bottom / u * 0.3), d + 0.015);
        stroke(hand, handMask, a, b, px(0.075 * u), skinFill, skinEdge, u);
      }
      light(hand, handMask, axes.up(0), rim, u);
      Imgproc.GaussianBlur(hand, hand, new Size(0, 0), Math.max(0.5, 0.012 * u));
      blend(roi, hand, handMask, 1, Math.max(0.6, 0.01 * u));
      EventSet.release(hand, handMask);
    } finally {
      EventSet.release(mask, refracted, shift, liquid, liquidMask, outline);
    }
  }

  private static Point lerp(Point a, Point b, double t) {
    return new Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
  }

  /**
   * roi = roi (1 - m) + layer m, where m is the mask softened by {@code soften} px, times opacity.
   */
  private static void blend(Mat roi, Mat layer, Mat mask8, double opacity, double soften) {
    Mat alpha = new Mat();
    try {
      mask8.convertTo(alpha, CvType.CV_32FC1, 1 / 255.0);
      if (soften > 0) {
        Imgproc.GaussianBlur(alpha, alpha, new Size(0, 0), soften);
      }
      EventFrame.composite(roi, layer, alpha, 0, 0, opacity);
    } finally {
      alpha.release();
    }
  }
}
