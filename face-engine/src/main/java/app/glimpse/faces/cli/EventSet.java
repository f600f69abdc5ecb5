package app.glimpse.faces.cli;

import app.glimpse.faces.FaceBox;
import app.glimpse.faces.model.NativeRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.FaceDetectorYN;

/**
 * Event photos that behave like real ones, for held-out selfie search measured per condition.
 *
 * <p>The older generator ({@link PastedFaces}) pastes cut-out frontal faces on textured
 * backgrounds, which flatters a detector: no hair, no clothes, no neighbouring light. Here whole
 * photos from {@code deepface/} are scaled so that their main face is {@value #MIN_FACE}-{@value
 * #MAX_FACE} px wide (log-uniform) and laid out as wide shots (a photo feathered into a blurred
 * extension of its own edges, so the person is small in a wide frame) or collages (prints with
 * white borders on an album page), {@value #WIDTH}x{@value #HEIGHT}, with 0-2 stranger photos from
 * {@code groups-unlabeled/}. Each photo has one condition from {@link #CONDITIONS}, so recall can
 * be reported per condition.
 *
 * <p>Per identity, the first ceil(n/3) photos listed in {@code identities.tsv} are selfies and
 * never appear in an event photo; every other photo (a source) appears at least once in every
 * condition but {@code threequarter}, which uses {@link #TURNED} twice each. Face boxes come from
 * YuNet through OpenCV's {@link FaceDetectorYN} (the yardstick, not the shipped detector, so the
 * truth does not come from the system under test) and are carried through every scale, flip and
 * rotation. The set is the same for the same seed, whatever the number of threads.
 */
public final class EventSet {
  static final List<String> CONDITIONS =
      List.of(
          "clean",
          "jpeg",
          "defocus",
          "motion",
          "noise",
          "lowlight",
          "colourcast",
          "mirror",
          "edge",
          "occlusion",
          "rotation",
          "threequarter");

  /**
   * Source photos whose main face is turned, the only ones {@code threequarter} uses. Chosen by eye
   * from face crops of all 36 sources, with YuNet's landmarks as a helper (nose offset from the eye
   * midpoint, and the ratio of nose-to-eye distances). The deepface photos are nearly all frontal:
   * these six are the most turned (about 15-30 degrees: img59 most, then img41, img31, img61,
   * img25, img58); none is a full 45-degree three-quarter view.
   */
  static final List<String> TURNED =
      List.of("img59.jpg", "img41.jpg", "img31.jpg", "img61.jpg", "img25.jpg", "img58.jpg");

  /**
   * Unlabelled deepface photos left out of the strangers: both show Angelina Jolie (df00), checked
   * by eye.
   */
  static final Set<String> NOT_STRANGERS = Set.of("couple.jpg", "selfie-many-people.jpg");

  static final int WIDTH = 3000;
  static final int HEIGHT = 2000;
  static final double MIN_FACE = 30;
  static final double MAX_FACE = 150;
  static final int QUALITY = 92;

  /** Side of the square YuNet input: fixed, so that the network is set up only once. */
  private static final int DETECT_SIDE = 640;

  /** Cached sources are shrunk so their main face is at most this wide (memory, speed). */
  private static final double SOURCE_FACE = 320;

  /** Background faces in a labelled source count as strangers above this YuNet score. */
  private static final float OTHER_SCORE = 0.85f;

  /** Written event set. */
  record Written(List<Selfie> selfies, List<EventPhoto> photos) {}

  /** A held-out selfie: a deepface file name that no event photo uses. */
  record Selfie(String identity, String file) {}

  /**
   * One event photo: its file name inside the set folder, its condition, its faces (labelled first,
   * then strangers) and the whole photos it was made of (deepface file names, then stranger photos
   * as {@code groups-folder/name}).
   */
  record EventPhoto(String file, String condition, List<Placed> faces, List<String> sources) {}

  /** A face in an event photo: a deepface identity or {@code stranger}, and its box. */
  record Placed(String identity, FaceBox box) {}

  private EventSet() {}

  /** Writes the set for looking at: {@code EventSet OUT [SEED]}, photos from ../shared. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: EventSet OUT [SEED]");
      return;
    }
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 2024;
    Path photos = SharedPhotos.root();
    long start = System.nanoTime();
    Written written =
        write(
            photos.resolve("deepface"), photos.resolve("groups-unlabeled"), Path.of(args[0]), seed);
    long millis = (System.nanoTime() - start) / 1_000_000;
    for (String condition : CONDITIONS) {
      List<EventPhoto> of =
          written.photos().stream().filter(p -> p.condition().equals(condition)).toList();
      long labelled =
          of.stream()
              .flatMap(p -> p.faces().stream())
              .filter(f -> !f.identity().equals("stranger"))
              .count();
      long strangers = of.stream().mapToLong(p -> p.faces().size()).sum() - labelled;
      System.out.printf(
          Locale.ROOT,
          "%-12s photos=%d labelled=%d strangers=%d%n",
          condition,
          of.size(),
          labelled,
          strangers);
    }
    System.out.printf(
        Locale.ROOT,
        "event-set photos=%d selfies=%d seed=%d ms=%d out=%s%n",
        written.photos().size(),
        written.selfies().size(),
        seed,
        millis,
        args[0]);
  }

  /** Writes the set into out (deleting what was there) and returns what it wrote. */
  static Written write(Path deepfaceDir, Path groupsDir, Path out, long seed) throws IOException {
    NativeRuntime.loadOpenCv();
    clear(out);
    Map<String, List<String>> byIdentity = identities(deepfaceDir.resolve("identities.tsv"));
    List<Selfie> selfies = new ArrayList<>();
    List<String[]> sourceFiles = new ArrayList<>();
    for (Map.Entry<String, List<String>> identity : byIdentity.entrySet()) {
      List<String> files = identity.getValue();
      int held = Math.max(1, (files.size() + 2) / 3);
      for (int i = 0; i < files.size(); i++) {
        if (i < held) {
          selfies.add(new Selfie(identity.getKey(), files.get(i)));
        } else {
          sourceFiles.add(new String[] {identity.getKey(), files.get(i)});
        }
      }
    }
    List<Source> sources = new ArrayList<>();
    List<Source> strangers = new ArrayList<>();
    FaceDetectorYN detector =
        FaceDetectorYN.create(
            yunet(deepfaceDir).toString(), "", new Size(DETECT_SIDE, DETECT_SIDE), 0.6f, 0.3f, 50);
    try {
      for (String[] file : sourceFiles) {
        sources.add(load(detector, deepfaceDir, file[1], file[0]));
      }
      for (Path group : images(groupsDir)) {
        Source stranger = load(detector, groupsDir, group.getFileName().toString(), null);
        if (!stranger.others().isEmpty()) {
          strangers.add(stranger);
        }
      }
      List<Plan> plans = plan(sources, strangers, groupsDir.getFileName().toString(), seed);
      List<EventPhoto> photos = render(plans, out);
      writeTsv(out, selfies, photos);
      return new Written(List.copyOf(selfies), photos);
    } finally {
      sources.forEach(s -> s.image().release());
      strangers.forEach(s -> s.image().release());
    }
  }

  /** Reads back what {@link #write} wrote. */
  static Written read(Path out) throws IOException {
    List<Selfie> selfies = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("selfies.tsv"))) {
      if (!line.isBlank()) {
        String[] f = line.split("\t");
        selfies.add(new Selfie(f[0], f[1]));
      }
    }
    Map<String, List<Placed>> faces = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out.resolve("truth.tsv"))) {
      if (!line.isBlank()) {
        String[] f = line.split("\t");
        faces
            .computeIfAbsent(f[0], k -> new ArrayList<>())
            .add(
                new Placed(
                    f[2],
                    new FaceBox(
                        Float.parseFloat(f[3]),
                        Float.parseFloat(f[4]),
                        Float.parseFloat(f[5]),
                        Float.parseFloat(f[6]))));
      }
    }
    List<EventPhoto> photos = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("photos.tsv"))) {
      if (!line.isBlank()) {
        String[] f = line.split("\t");
        photos.add(
            new EventPhoto(
                f[0],
                f[1],
                List.copyOf(faces.getOrDefault(f[0], List.of())),
                List.of(f[2].split(","))));
      }
    }
    return new Written(List.copyOf(selfies), List.copyOf(photos));
  }

  // ---------------------------------------------------------------------------------------------
  // Sources

  /**
   * A face as the four corners of its box and its five landmarks (YuNet's order), so that every
   * transform of the photo carries it exactly; {@link #box} is the axis-aligned hull of the
   * corners.
   */
  record Face(double[] points, float score) {
    FaceBox box() {
      double x0 = Double.MAX_VALUE;
      double y0 = Double.MAX_VALUE;
      double x1 = -Double.MAX_VALUE;
      double y1 = -Double.MAX_VALUE;
      for (int i = 0; i < 4; i++) {
        x0 = Math.min(x0, points[2 * i]);
        y0 = Math.min(y0, points[2 * i + 1]);
        x1 = Math.max(x1, points[2 * i]);
        y1 = Math.max(y1, points[2 * i + 1]);
      }
      return new FaceBox((float) x0, (float) y0, (float) (x1 - x0), (float) (y1 - y0));
    }

    Point landmark(int i) {
      return new Point(points[8 + 2 * i], points[9 + 2 * i]);
    }

    /** The face after {@code x' = a x + b y + c, y' = d x + e y + f}. */
    Face transformed(double a, double b, double c, double d, double e, double f) {
      double[] moved = new double[points.length];
      for (int i = 0; i < points.length; i += 2) {
        moved[i] = a * points[i] + b * points[i + 1] + c;
        moved[i + 1] = d * points[i] + e * points[i + 1] + f;
      }
      return new Face(moved, score);
    }

    /** The width of the box, which is the face size this set is about. */
    double width() {
      return box().width();
    }
  }

  /** A decoded photo (shrunk, see {@link #SOURCE_FACE}) with its main face and the others. */
  record Source(String file, String identity, Mat image, Face main, List<Face> others) {}

  private static Source load(FaceDetectorYN detector, Path dir, String file, String identity)
      throws IOException {
    Mat image = Imgcodecs.imread(dir.resolve(file).toString(), Imgcodecs.IMREAD_COLOR);
    if (image.empty()) {
      image.release();
      throw new IOException("cannot read " + dir.resolve(file));
    }
    List<Face> faces = detect(detector, image);
    if (identity != null && faces.isEmpty()) {
      image.release();
      throw new IOException("YuNet finds no face in " + file);
    }
    // A labelled photo's main face is YuNet's most confident one (checked by eye: the largest is
    // sometimes a blurred background shape, as in img41); a group photo has only strangers.
    Face main = identity == null ? null : faces.get(0);
    List<Face> others = new ArrayList<>();
    for (Face face : identity == null ? faces : faces.subList(1, faces.size())) {
      if (identity == null || face.score() >= OTHER_SCORE) {
        others.add(face);
      }
    }
    double biggest =
        main != null ? main.width() : others.stream().mapToDouble(Face::width).max().orElse(1);
    double scale = Math.min(1, SOURCE_FACE / biggest);
    if (scale < 1) {
      Mat small = new Mat();
      Imgproc.resize(image, small, scaledSize(image, scale), 0, 0, Imgproc.INTER_AREA);
      double sx = (double) small.cols() / image.cols();
      double sy = (double) small.rows() / image.rows();
      image.release();
      image = small;
      main = main == null ? null : main.transformed(sx, 0, 0, 0, sy, 0);
      others.replaceAll(f -> f.transformed(sx, 0, 0, 0, sy, 0));
    }
    return new Source(file, identity, image, main, List.copyOf(others));
  }

  /** YuNet's faces, most confident first, boxes clipped to the image. */
  private static List<Face> detect(FaceDetectorYN detector, Mat image) {
    double scale = Math.min(1.0, (double) DETECT_SIDE / Math.max(image.cols(), image.rows()));
    Mat small = new Mat();
    Mat padded = new Mat(DETECT_SIDE, DETECT_SIDE, CvType.CV_8UC3, Scalar.all(0));
    Mat found = new Mat();
    try {
      Imgproc.resize(image, small, scaledSize(image, scale), 0, 0, Imgproc.INTER_AREA);
      Mat target = padded.submat(new Rect(0, 0, small.cols(), small.rows()));
      small.copyTo(target);
      target.release();
      detector.detect(padded, found);
      double sx = (double) image.cols() / small.cols();
      double sy = (double) image.rows() / small.rows();
      List<Face> faces = new ArrayList<>();
      float[] row = new float[15];
      for (int i = 0; i < found.rows(); i++) {
        found.get(i, 0, row);
        double x0 = Math.max(0, row[0] * sx);
        double y0 = Math.max(0, row[1] * sy);
        double x1 = Math.min(image.cols(), (row[0] + row[2]) * sx);
        double y1 = Math.min(image.rows(), (row[1] + row[3]) * sy);
        double[] points = new double[18];
        double[] corners = {x0, y0, x1, y0, x1, y1, x0, y1};
        System.arraycopy(corners, 0, points, 0, 8);
        for (int k = 0; k < 5; k++) {
          points[8 + 2 * k] = row[4 + 2 * k] * sx;
          points[9 + 2 * k] = row[5 + 2 * k] * sy;
        }
        if (x1 - x0 > 4 && y1 - y0 > 4) {
          faces.add(new Face(points, row[14]));
        }
      }
      faces.sort(Comparator.comparingDouble((Face f) -> f.score()).reversed());
      return faces;
    } finally {
      small.release();
      padded.release();
      found.release();
    }
  }

  static Size scaledSize(Mat image, double scale) {
    return new Size(
        Math.max(1, Math.round(image.cols() * scale)),
        Math.max(1, Math.round(image.rows() * scale)));
  }

  /**
   * The yardstick model: {@code -Dglimpse.eventset.yunet=FILE}, else {@code models/yunet} beside
   * the photo folders. OpenCV's DNN importer rejects {@code yunet_s_dynamic.onnx} (dynamic shapes),
   * so this is the 2023mar model, which FaceDetectorYN runs at any input size.
   */
  private static Path yunet(Path deepfaceDir) throws IOException {
    String configured = System.getProperty("glimpse.eventset.yunet");
    Path model =
        configured != null
            ? Path.of(configured)
            : deepfaceDir
                .toAbsolutePath()
                .getParent()
                .getParent()
                .resolve("models/yunet/face_detection_yunet_2023mar.onnx");
    if (!Files.isRegularFile(model)) {
      throw new IOException("YuNet model not found: " + model + " (set -Dglimpse.eventset.yunet)");
    }
    return model;
  }

  private static Map<String, List<String>> identities(Path tsv) throws IOException {
    Map<String, List<String>> byIdentity = new LinkedHashMap<>();
    for (String line : Files.readAllLines(tsv)) {
      String[] f = line.split("\t");
      if (f.length >= 2) {
        byIdentity.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
      }
    }
    return byIdentity;
  }

  private static List<Path> images(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"))
                    && !NOT_STRANGERS.contains(p.getFileName().toString());
              })
          .sorted()
          .toList();
    }
  }

  /**
   * Empties the output folder; refuses one that holds anything but files an event set writes, so
   * that a wrong path cannot delete someone's photos or code.
   */
  private static void clear(Path out) throws IOException {
    if (Files.isDirectory(out)) {
      List<Path> present;
      try (Stream<Path> files = Files.list(out)) {
        present = files.toList();
      }
      for (Path p : present) {
        String name = p.getFileName().toString();
        if (!Files.isRegularFile(p) || !(name.endsWith(".jpg") || name.endsWith(".tsv"))) {
          throw new IOException("not an event set folder (holds " + name + "): " + out);
        }
      }
      for (Path p : present) {
        Files.delete(p);
      }
    }
    Files.createDirectories(out);
  }

  // ---------------------------------------------------------------------------------------------
  // Planning: which sources go into which photo, decided up front from the seed

  /** One photo to render, with its own seed so that threads do not change the result. */
  record Plan(
      String file,
      String condition,
      boolean collage,
      List<Source> labelled,
      List<Source> strangers,
      List<String> sources,
      long seed) {}

  private static List<Plan> plan(
      List<Source> sources, List<Source> strangers, String groupsName, long seed) {
    Random random = new Random(seed);
    List<Plan> plans = new ArrayList<>();
    for (String condition : CONDITIONS) {
      List<Source> pool = new ArrayList<>();
      if (condition.equals("threequarter")) {
        for (int round = 0; round < 2; round++) {
          sources.stream().filter(s -> TURNED.contains(s.file())).forEach(pool::add);
        }
      } else {
        pool.addAll(sources);
      }
      Collections.shuffle(pool, random);
      int index = 0;
      while (!pool.isEmpty()) {
        double size = random.nextDouble();
        int wanted = size < 0.25 ? 1 : size < 0.55 ? 2 : size < 0.8 ? 3 : 4;
        List<Source> group = new ArrayList<>();
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < pool.size() && group.size() < wanted; i++) {
          Source candidate = pool.get(i);
          if (group.stream().noneMatch(s -> s.identity().equals(candidate.identity()))) {
            group.add(candidate);
            taken.add(0, i);
          }
        }
        // By index: threequarter holds each source twice, and removeAll would drop both.
        taken.forEach(i -> pool.remove((int) i));
        boolean collage = group.size() >= 3 || (group.size() == 2 && random.nextBoolean());
        int strangerCount = strangers.isEmpty() ? 0 : random.nextInt(collage ? 3 : 2);
        List<Source> chosen = new ArrayList<>(strangers);
        Collections.shuffle(chosen, random);
        chosen = List.copyOf(chosen.subList(0, Math.min(strangerCount, chosen.size())));
        List<String> names = new ArrayList<>();
        group.forEach(s -> names.add(s.file()));
        chosen.forEach(s -> names.add(groupsName + "/" + s.file()));
        plans.add(
            new Plan(
                String.format(Locale.ROOT, "%s-%02d.jpg", condition, index++),
                condition,
                collage,
                List.copyOf(group),
                chosen,
                List.copyOf(names),
                random.nextLong()));
      }
    }
    return plans;
  }

  private static List<EventPhoto> render(List<Plan> plans, Path out) throws IOException {
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<EventPhoto>> futures = new ArrayList<>();
      for (Plan plan : plans) {
        futures.add(pool.submit(() -> new EventFrame(plan, out).render()));
      }
      List<EventPhoto> photos = new ArrayList<>();
      for (Future<EventPhoto> future : futures) {
        photos.add(future.get());
      }
      return List.copyOf(photos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IllegalStateException("event photo failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void writeTsv(Path out, List<Selfie> selfies, List<EventPhoto> photos)
      throws IOException {
    StringBuilder selfieTsv = new StringBuilder();
    selfies.forEach(s -> selfieTsv.append(s.identity()).append('\t').append(s.file()).append('\n'));
    Files.writeString(out.resolve("selfies.tsv"), selfieTsv);
    StringBuilder truth = new StringBuilder();
    StringBuilder list = new StringBuilder();
    for (EventPhoto photo : photos) {
      list.append(photo.file())
          .append('\t')
          .append(photo.condition())
          .append('\t')
          .append(String.join(",", photo.sources()))
          .append('\n');
      for (Placed face : photo.faces()) {
        FaceBox b = face.box();
        truth.append(
            String.format(
                Locale.ROOT,
                "%s\t%s\t%s\t%.1f\t%.1f\t%.1f\t%.1f%n",
                photo.file(),
                photo.condition(),
                face.identity(),
                b.x(),
                b.y(),
                b.width(),
                b.height()));
      }
    }
    Files.writeString(out.resolve("truth.tsv"), truth);
    Files.writeString(out.resolve("photos.tsv"), list);
  }

  /** A box rounded to 0.1 px, as truth.tsv holds it, so that write and read agree exactly. */
  static FaceBox rounded(FaceBox b) {
    return new FaceBox(round(b.x()), round(b.y()), round(b.width()), round(b.height()));
  }

  private static float round(float v) {
    return Float.parseFloat(String.format(Locale.ROOT, "%.1f", v));
  }

  /** Releases every Mat given, ignoring nulls. */
  static void release(Mat... mats) {
    for (Mat m : mats) {
      if (m != null) {
        m.release();
      }
    }
  }

  static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  static Scalar bgr(double b, double g, double r) {
    return new Scalar(clamp(b, 0, 255), clamp(g, 0, 255), clamp(r, 0, 255));
  }
}
