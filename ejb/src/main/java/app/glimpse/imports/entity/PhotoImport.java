package app.glimpse.imports.entity;

import app.glimpse.events.entity.Event;
import app.glimpse.platform.Timestamps;
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
public class PhotoImport {

  public static final String LATEST_BY_EVENT = "PhotoImport.latestByEvent";

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

  /** The import job runs as {@code execution}. */
  public void started(long execution) {
    this.jobExecutionId = execution;
    if (!status.equals(ImportStatus.RUNNING) && !status.equals(ImportStatus.COMPLETED)) {
      this.status = ImportStatus.RUNNING;
      this.failureReason = null;
      this.finishedAt = null;
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

  /** The import cannot go on, for a reason the photographer can read. */
  public void fail(String reason) {
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
