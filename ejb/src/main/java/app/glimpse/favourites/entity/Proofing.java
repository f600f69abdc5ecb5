package app.glimpse.favourites.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.Objects;

/**
 * An event's proofing settings: how many photos a guest may heart at most. A row of the favourites
 * area beside the event (by its id), so that the events area knows nothing of proofing; an event
 * without a row has no limit.
 */
@Entity
public class Proofing {

  /** The most a photographer may ask a guest to pick (the column's check). */
  public static final int MAX_LIMIT = 10_000;

  @Id private Long eventId;

  private Integer selectionLimit;

  protected Proofing() {}

  public Proofing(long eventId) {
    this.eventId = eventId;
  }

  /** Sets the limit: null for none, else 1 to {@link #MAX_LIMIT} photos. */
  public void limitSelection(Integer limit) {
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw new IllegalArgumentException("A selection limit is 1 to " + MAX_LIMIT + " photos");
    }
    this.selectionLimit = limit;
  }

  public Long getEventId() {
    return eventId;
  }

  public Integer getSelectionLimit() {
    return selectionLimit;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Proofing proofing && Objects.equals(eventId, proofing.eventId);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(eventId);
  }
}
