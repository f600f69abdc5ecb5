package app.glimpse.imports.entity;

import app.glimpse.events.entity.Event;
import app.glimpse.platform.control.Timestamps;
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
import java.time.Instant;
import java.util.Objects;

/**
 * One place an event's photos are imported from: a server folder, the uploads, or a Drive folder.
 */
@Entity
@NamedQuery(
    name = Source.FIND,
    query =
        "SELECT s FROM Source s WHERE s.event.id = :eventId AND s.kind = :kind AND s.location = :location")
public class Source {

  public static final String FIND = "Source.find";

  @Id
  @SequenceGenerator(name = "source_seq", sequenceName = "source_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "source_seq")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  private Event event;

  @Enumerated(EnumType.STRING)
  private SourceKind kind;

  /** The folder path, the Drive folder id, or the upload area's name. */
  private String location;

  private String label;
  private Instant createdAt;

  protected Source() {}

  public Source(Event event, SourceKind kind, String location, String label) {
    this.event = Objects.requireNonNull(event, "event");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.location = Objects.requireNonNull(location, "location");
    this.label = label == null || label.isBlank() ? location : label;
    this.createdAt = Timestamps.now();
  }

  public Long getId() {
    return id;
  }

  public Event getEvent() {
    return event;
  }

  public SourceKind getKind() {
    return kind;
  }

  public String getLocation() {
    return location;
  }

  public String getLabel() {
    return label;
  }
}
