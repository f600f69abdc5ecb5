package app.glimpse.imports.boundary;

import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.imports.entity.PhotoImport;
import java.time.Instant;

/** An import's state and counts, as {@code GET /api/v1/imports/{id}} shows them. */
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
    Instant finishedAt) {

  static ImportView of(PhotoImport run) {
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
        run.getFinishedAt());
  }
}
