package app.glimpse.events.boundary;

/**
 * An event has been deleted with its rows (the database cascades to sources, imports, photos and
 * faces). Fired in the deleting transaction, so that the areas keeping files of the event
 * (previews, uploads) remove them: observe it {@code during = AFTER_SUCCESS} to act once the
 * deletion is committed.
 *
 * @param eventId the deleted event
 */
public record EventDeleted(long eventId) {}
