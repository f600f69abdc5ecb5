package app.glimpse.imports.boundary;

/**
 * An import has just completed: every file it listed is indexed or failed. Fired in the transaction
 * that completes it; observe it {@code during = AFTER_SUCCESS} to act once that is committed.
 *
 * @param eventId the event the photos were imported into
 * @param importId the import
 */
public record ImportCompleted(long eventId, long importId) {}
