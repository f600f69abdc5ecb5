package app.glimpse.photos.boundary;

/**
 * The photographer hid photos of an event from guests, or showed them again. Fired in that
 * transaction: the people area picks its people's portraits again from photos guests may see.
 *
 * @param eventId the event
 */
public record PhotosHidden(long eventId) {}
