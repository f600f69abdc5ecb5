package app.glimpse.people.entity;

import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/**
 * Someone who appears in an event's photos: a group of faces that clustering found to be the same
 * person, corrected by the photographer (named, merged, faces moved, hidden from guests).
 */
@Entity
@NamedQuery(
    name = Person.FIND_BY_EVENT,
    query =
        "SELECT p FROM Person p WHERE p.eventId = :eventId AND p.faceCount > 0"
            + " ORDER BY p.photoCount DESC, p.id")
public class Person {

  public static final String FIND_BY_EVENT = "Person.findByEvent";

  @Id
  @SequenceGenerator(name = "person_seq", sequenceName = "person_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "person_seq")
  private Long id;

  private long eventId;
  private String name;
  private boolean hidden;
  private int faceCount;
  private int photoCount;
  private Long coverFaceId;
  private Instant createdAt;

  protected Person() {}

  public Person(long eventId) {
    this.eventId = eventId;
    this.createdAt = Timestamps.now();
  }

  public void rename(String name) {
    if (name != null && (name.isBlank() || name.strip().length() > 200)) {
      throw new IllegalArgumentException("A person's name has 1 to 200 characters");
    }
    this.name = name == null ? null : name.strip();
  }

  public void hide(boolean hidden) {
    this.hidden = hidden;
  }

  /** Sets the counts and the face that shows the person best, after faces moved. */
  public void summarise(int faceCount, int photoCount, Long coverFaceId) {
    this.faceCount = faceCount;
    this.photoCount = photoCount;
    this.coverFaceId = coverFaceId;
  }

  public Long getId() {
    return id;
  }

  public long getEventId() {
    return eventId;
  }

  public String getName() {
    return name;
  }

  public boolean isHidden() {
    return hidden;
  }

  public int getFaceCount() {
    return faceCount;
  }

  public int getPhotoCount() {
    return photoCount;
  }

  public Long getCoverFaceId() {
    return coverFaceId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
