package app.glimpse.photos.entity;

import app.glimpse.events.entity.Event;
import app.glimpse.platform.control.FileTexts;
import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One source file of an event, indexed or failed. The same file (event, source, file id, content
 * hash) is stored at most once, whatever is retried; the original stays in the photographer's
 * storage.
 *
 * <p>Whatever text the file gave (its name, its camera, a reason that quotes it) is cleaned and
 * bounded to its column here ({@link FileTexts}), and a capture time no camera can have taken is
 * dropped: a value the database refuses would fail the file on every delivery.
 */
@Entity
@NamedQuery(
    name = Photo.FIND_BY_EVENT,
    query =
        "SELECT p FROM Photo p WHERE p.event.id = :eventId AND p.status = app.glimpse.photos.entity.PhotoStatus.INDEXED"
            + " ORDER BY p.takenAt, p.id")
@NamedQuery(
    name = Photo.COUNT_BY_EVENT,
    query =
        "SELECT COUNT(p) FROM Photo p WHERE p.event.id = :eventId"
            + " AND p.status = app.glimpse.photos.entity.PhotoStatus.INDEXED")
@NamedQuery(
    name = Photo.FIND_SAME,
    query =
        "SELECT p FROM Photo p WHERE p.event.id = :eventId AND p.sourceId = :sourceId"
            + " AND p.sourceFileId = :fileId AND p.contentHash = :hash")
@NamedQuery(
    name = Photo.COUNT_BY_IMPORT,
    query =
        "SELECT p.status, COUNT(p), SUM(p.faceCount) FROM Photo p WHERE p.importId = :importId GROUP BY p.status")
@NamedQuery(
    name = Photo.FAILED_BY_IMPORT,
    query =
        "SELECT p FROM Photo p WHERE p.importId = :importId"
            + " AND p.status = app.glimpse.photos.entity.PhotoStatus.FAILED ORDER BY p.sourceFileId")
public class Photo {

  public static final String FAILED_BY_IMPORT = "Photo.failedByImport";
  public static final String FIND_SAME = "Photo.findSame";
  public static final String COUNT_BY_IMPORT = "Photo.countByImport";
  public static final String FIND_BY_EVENT = "Photo.findByEvent";
  public static final String COUNT_BY_EVENT = "Photo.countByEvent";

  /** Column sizes of V1__domain.sql, V4__drive.sql and V5__cluster.sql. */
  public static final int FILE_NAME_LENGTH = 500;

  public static final int CAMERA_LENGTH = 100;
  public static final int LENS_LENGTH = 200;
  public static final int OFFSET_LENGTH = 6;
  public static final int VERSION_LENGTH = 100;
  public static final int NODE_LENGTH = 200;

  /** A failure reason is a text column; this keeps it readable. */
  public static final int REASON_LENGTH = 2_000;

  /** No photograph is older (Niépce's view from the window at Le Gras). */
  static final Instant FIRST_PHOTOGRAPH = Instant.parse("1826-01-01T00:00:00Z");

  /** A capture time later than now by more than this is a camera's wrong clock. */
  static final Duration CLOCK_AHEAD = Duration.ofDays(2);

  @Id
  @SequenceGenerator(name = "photo_seq", sequenceName = "photo_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "photo_seq")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  private Event event;

  /** The source (imports' {@code Source}) the file was read from: by id, photos know no sources. */
  private Long sourceId;

  private Long importId;
  private String sourceFileId;
  private String fileName;
  private String contentHash;

  /** The content version the source announced (Drive's md5Checksum), if any; see V4__drive.sql. */
  private String sourceVersion;

  @Enumerated(EnumType.STRING)
  private PhotoStatus status;

  private String failureReason;
  private Instant takenAt;
  private String takenAtOffset;
  private Integer width;
  private Integer height;
  private String cameraMake;
  private String cameraModel;
  private String lens;
  private boolean hasGps;
  private int faceCount;
  private Instant createdAt;

  /** The node that stored the photo (GLIMPSE_NODE_NAME); see V5__cluster.sql. */
  private String indexedBy;

  /** Hidden from guests by the photographer; its staff still see it. See V10__curate.sql. */
  private boolean hidden;

  protected Photo() {}

  private Photo(
      Event event,
      Long sourceId,
      Long importId,
      String sourceFileId,
      String fileName,
      String hash) {
    this.event = Objects.requireNonNull(event, "event");
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.importId = importId;
    this.sourceFileId = FileTexts.storable(Objects.requireNonNull(sourceFileId, "sourceFileId"));
    this.fileName = FileTexts.name(Objects.requireNonNull(fileName, "fileName"), FILE_NAME_LENGTH);
    this.contentHash = Objects.requireNonNull(hash, "contentHash");
    this.createdAt = Timestamps.now();
  }

  /** A photo whose faces and previews were made. */
  public static Photo indexed(
      Event event,
      Long sourceId,
      Long importId,
      String sourceFileId,
      String fileName,
      String hash) {
    Photo photo = new Photo(event, sourceId, importId, sourceFileId, fileName, hash);
    photo.status = PhotoStatus.INDEXED;
    return photo;
  }

  /** A file that could not be indexed, kept with a reason the photographer can read. */
  public static Photo failed(
      Event event,
      Long sourceId,
      Long importId,
      String sourceFileId,
      String fileName,
      String hash,
      String reason) {
    Photo photo = new Photo(event, sourceId, importId, sourceFileId, fileName, hash);
    photo.status = PhotoStatus.FAILED;
    photo.failureReason =
        Objects.requireNonNullElse(
            FileTexts.clean(Objects.requireNonNull(reason, "reason"), REASON_LENGTH),
            "no reason given");
    return photo;
  }

  /** What the file says of itself, after EXIF orientation. */
  public void describe(
      int width,
      int height,
      Instant takenAt,
      String takenAtOffset,
      String make,
      String model,
      String lens,
      boolean gps) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("A photo has a positive size");
    }
    this.width = width;
    this.height = height;
    boolean plausible =
        takenAt != null
            && !takenAt.isBefore(FIRST_PHOTOGRAPH)
            && !takenAt.isAfter(Timestamps.now().plus(CLOCK_AHEAD));
    this.takenAt = plausible ? takenAt : null;
    String offset = FileTexts.clean(takenAtOffset, OFFSET_LENGTH + 1);
    this.takenAtOffset =
        plausible && offset != null && offset.length() <= OFFSET_LENGTH ? offset : null;
    this.cameraMake = FileTexts.clean(make, CAMERA_LENGTH);
    this.cameraModel = FileTexts.clean(model, CAMERA_LENGTH);
    this.lens = FileTexts.clean(lens, LENS_LENGTH);
    this.hasGps = gps;
  }

  /**
   * The photo was met again, unchanged, by a later import of its source: it counts for that import.
   */
  public void attachTo(Long importId) {
    this.importId = importId;
  }

  /**
   * The source announced this content as {@code version}: a later import skips the file while the
   * source announces the same version.
   */
  public void sourceVersion(String version) {
    this.sourceVersion = FileTexts.clean(version, VERSION_LENGTH);
  }

  /** Records which node stored the photo. */
  public void indexedBy(String nodeName) {
    this.indexedBy = FileTexts.clean(nodeName, NODE_LENGTH);
  }

  public String getIndexedBy() {
    return indexedBy;
  }

  /** Hides the photo from guests, or shows it again. */
  public void hide(boolean hidden) {
    this.hidden = hidden;
  }

  public boolean isHidden() {
    return hidden;
  }

  /**
   * The photographer deleted the photo: what is left is a tombstone that the next import of its
   * source meets and leaves out. Its faces and previews are the caller's to remove.
   */
  public void delete() {
    this.status = PhotoStatus.DELETED;
    this.faceCount = 0;
    this.hidden = false;
  }

  public void countFaces(int faceCount) {
    this.faceCount = faceCount;
  }

  public Long getId() {
    return id;
  }

  public Long getImportId() {
    return importId;
  }

  public Event getEvent() {
    return event;
  }

  public Long getSourceId() {
    return sourceId;
  }

  public String getSourceFileId() {
    return sourceFileId;
  }

  public String getFileName() {
    return fileName;
  }

  public String getContentHash() {
    return contentHash;
  }

  public String getSourceVersion() {
    return sourceVersion;
  }

  public PhotoStatus getStatus() {
    return status;
  }

  public String getFailureReason() {
    return failureReason;
  }

  public Instant getTakenAt() {
    return takenAt;
  }

  public Integer getWidth() {
    return width;
  }

  public Integer getHeight() {
    return height;
  }

  public String getCameraMake() {
    return cameraMake;
  }

  public String getCameraModel() {
    return cameraModel;
  }

  public String getLens() {
    return lens;
  }

  public int getFaceCount() {
    return faceCount;
  }
}
