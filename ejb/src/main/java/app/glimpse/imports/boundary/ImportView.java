package app.glimpse.imports.boundary;

import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.imports.entity.PhotoImport;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * An import's state and counts, as {@code GET /api/v1/imports/{id}} shows them. {@code processed}
 * counts the files indexed, {@code failed} those recorded with a reason; {@code rate} is files
 * handled per second since the start and {@code secondsLeft} the estimate for the rest (null while
 * unknown).
 */
public record ImportView(
    long id,
    long eventId,
    ImportStatus status,
    int total,
    int processed,
    int failed,
    int faces,
    String failureReason,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    double rate,
    Long secondsLeft)
    implements Serializable {

  public static ImportView of(PhotoImport run) {
    int handled = run.getProcessed() + run.getFailed();
    double rate = 0;
    Long secondsLeft = null;
    if (run.getStartedAt() != null && handled > 0) {
      Instant end = run.getFinishedAt() != null ? run.getFinishedAt() : Instant.now();
      double seconds =
          Math.max(0.001, Duration.between(run.getStartedAt(), end).toMillis() / 1000.0);
      rate = Math.round(handled / seconds * 100) / 100.0;
      if (run.getFinishedAt() == null && rate > 0) {
        secondsLeft = (long) Math.ceil(Math.max(0, run.getTotal() - handled) / rate);
      }
    }
    return new ImportView(
        run.getId(),
        run.getEvent().getId(),
        run.getStatus(),
        run.getTotal(),
        run.getProcessed(),
        run.getFailed(),
        run.getFaces(),
        run.getFailureReason(),
        run.getCreatedAt(),
        run.getStartedAt(),
        run.getFinishedAt(),
        rate,
        run.getStatus().isFinished() ? Long.valueOf(0) : secondsLeft);
  }
}
