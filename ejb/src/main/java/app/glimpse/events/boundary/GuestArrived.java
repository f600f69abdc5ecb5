package app.glimpse.events.boundary;

/**
 * A guest has entered an event's gallery with its code (in the gallery or through the API), fired
 * once the code is accepted. A selfie search usually follows within seconds, so whatever a search
 * needs can be made ready now.
 *
 * @param eventId the event entered
 * @param faceSearch whether face search is on for the event
 */
public record GuestArrived(long eventId, boolean faceSearch) {}
