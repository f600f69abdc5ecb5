package app.glimpse.delivery.boundary;

/** What guests see of an event changed: generation {@code generation} is to be drawn. */
public record WatermarkChanged(long eventId, long generation) {}
