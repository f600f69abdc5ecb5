package app.glimpse.imports.entity;

import app.glimpse.events.entity.Event;
import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Column;
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
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** One run of importing a source into an event, with the counts the photographer watches. */
@Entity
@Table(name = "photo_import")
@NamedQuery(
    name = PhotoImport.LATEST_BY_EVENT,
    query =
        "SELECT i FROM PhotoImport i WHERE i.event.id = :eventId ORDER BY i.createdAt DESC, i.id DESC")
@NamedQuery(
    name = PhotoImport.RECORDED_FILES,
    query = "SELECT p.sourceFileId FROM Photo p WHERE p.importId = :importId")
@NamedQuery(
    name = PhotoImport.KNOWN_VERSIONS,
    query =
        "SELECT p.sourceFileId, p.sourceVersion FROM Photo p, Source s WHERE s.id = p.sourceId"
            + " AND p.event.id = :eventId AND s.kind = :kind AND p.sourceFileId IN :fileIds"
            + " AND p.sourceVersion IS NOT NULL")
public class PhotoImport {

  public static final String LATEST_BY_EVENT = "PhotoImport.latestByEvent";

  /** The files an import recorded (indexed or failed), for a restart to leave out. */
  public static final String RECORDED_FILES = "PhotoImport.recordedFiles";

  /** Which of some files are stored in the event with a version a source of some kind announced. */
  public static final String KNOWN_VERSIONS = "PhotoImport.knownVersions";

  @Id
  @SequenceGenerator(
      name = "photo_import_seq",
      sequenceName = "photo_import_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "photo_import_seq")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  private Event event;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  private Source source;

  @Enumerated(EnumType.STRING)
  private ImportStatus status;

  private int total;
  private int processed;
  private int failed;
  private int faces;
  private String failureReason;
  private Long jobExecutionId;
  private boolean listed;

  /**
   * The node that lists the source, written only by {@code imports.control.Listings} (in the
   * database's statements, with the time it last said it is alive).
   */
  @Column(insertable = false, updatable = false)
  private String listingNode;

  /** The photographer whose connected account a Drive import reads; null for server folders. */
  private Long requestedBy;

  /** Whether a Drive import descends into the folder's sub-folders. */
  private boolean includeSubfolders;

  private Instant createdAt;
  private Instant startedAt;
  private Instant finishedAt;

  protected PhotoImport() {}

  public PhotoImport(Event event, Source source) {
    this.event = Objects.requireNonNull(event, "event");
    this.source = Objects.requireNonNull(source, "source");
    this.status = ImportStatus.QUEUED;
    this.createdAt = Timestamps.now();
  }

  /**
   * An import of a Drive folder, read with the account of photographer {@code requestedBy},
   * recursively if {@code includeSubfolders}.
   */
  public static PhotoImport ofDrive(
      Event event, Source source, long requestedBy, boolean includeSubfolders) {
    if (source.getKind() != SourceKind.DRIVE) {
      throw new IllegalArgumentException("Not a Drive source: " + source.getKind());
    }
    PhotoImport run = new PhotoImport(event, source);
    run.requestedBy = requestedBy;
    run.includeSubfolders = includeSubfolders;
    return run;
  }

  /** The import job runs as {@code execution}. */
  public void started(long execution) {
    this.jobExecutionId = execution;
    if (status == ImportStatus.QUEUED) {
      this.status = ImportStatus.RUNNING;
    }
    if (startedAt == null) {
      this.startedAt = Timestamps.now();
    }
  }

  /** {@code files} more files of the source were found and queued. */
  public void listedMore(int files) {
    this.total += files;
  }

  /** Every file of the source is listed and queued. */
  public void listingFinished() {
    this.listed = true;
    completeIfDone();
  }

  /**
   * The counts so far, as the photos of this import tell them: {@code processed} indexed, {@code
   * failed} recorded with a reason, {@code faces} found in the indexed ones.
   */
  public void count(int processed, int failed, int faces) {
    this.processed = processed;
    this.failed = failed;
    this.faces = faces;
    completeIfDone();
  }

  /**
   * The photographer stops the import: nothing more is listed or indexed until it is restarted.
   *
   * @return false if it had finished already
   */
  public boolean stop() {
    if (status.isFinished()) {
      return false;
    }
    this.status = ImportStatus.STOPPED;
    this.finishedAt = Timestamps.now();
    return true;
  }

  /**
   * A stopped or failed import goes again: the source is listed anew, leaving out the files this
   * import has recorded already, which keep their counts.
   *
   * @return false if the import is not stopped or failed
   */
  public boolean restart() {
    if (status != ImportStatus.STOPPED && status != ImportStatus.FAILED) {
      return false;
    }
    this.status = ImportStatus.QUEUED;
    this.listed = false;
    this.total = processed + failed;
    this.failureReason = null;
    this.finishedAt = null;
    return true;
  }

  /**
   * The listing of a running import was interrupted (its job failed while the database did not
   * answer) and every file it had queued is indexed or failed: it lists the source again, leaving
   * out what it recorded.
   *
   * @return false if the import is no longer running (stopped meanwhile)
   */
  public boolean relist() {
    if (status != ImportStatus.RUNNING && status != ImportStatus.QUEUED) {
      return false;
    }
    this.listed = false;
    this.total = processed + failed;
    return true;
  }

  /** The node that lists the source (or listed it last), null before the listing is claimed. */
  public String getListingNode() {
    return listingNode;
  }

  public Long getJobExecutionId() {
    return jobExecutionId;
  }

  /** The import cannot go on, for a reason the photographer can read. */
  public void fail(String reason) {
    if (status == ImportStatus.STOPPED) {
      return; // the photographer stopped it; the job ending that way is no failure
    }
    this.status = ImportStatus.FAILED;
    this.failureReason = reason;
    this.finishedAt = Timestamps.now();
  }

  private void completeIfDone() {
    if (listed && processed + failed >= total && !status.isFinished()) {
      this.status = ImportStatus.COMPLETED;
      this.finishedAt = Timestamps.now();
    }
  }

  public Long getId() {
    return id;
  }

  public Event getEvent() {
    return event;
  }

  public Source getSource() {
    return source;
  }

  public Long getRequestedBy() {
    return requestedBy;
  }

  public boolean isIncludeSubfolders() {
    return includeSubfolders;
  }

  public ImportStatus getStatus() {
    return status;
  }

  public int getTotal() {
    return total;
  }

  public int getProcessed() {
    return processed;
  }

  public int getFailed() {
    return failed;
  }

  public int getFaces() {
    return faces;
  }

  public String getFailureReason() {
    return failureReason;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Instant getFinishedAt() {
    return finishedAt;
  }
}
