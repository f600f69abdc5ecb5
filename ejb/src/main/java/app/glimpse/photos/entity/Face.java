package app.glimpse.photos.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import java.util.Objects;

/**
 * A face found in a photo: where it is, how sure the detector was, whether it passed the quality
 * gates (only those that did are searchable), and its embedding in the compact form of {@link
 * EmbeddingCodec}.
 */
@Entity
public class Face {

  @Id
  @SequenceGenerator(name = "face_seq", sequenceName = "face_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "face_seq")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  private Photo photo;

  private Long eventId;
  private float boxX;
  private float boxY;
  private float boxWidth;
  private float boxHeight;
  private byte[] landmarks;
  private float score;
  private boolean searchable;
  private String qualityNote;
  private byte[] embedding;

  /** Numbered by the database in commit order per event (see V3__search_and_people.sql). */
  @Column(insertable = false, updatable = false)
  private Long seq;

  /** The person (the people area's {@code Person}) the face belongs to, if grouped: by id. */
  private Long personId;

  private boolean personPinned;

  protected Face() {}

  /**
   * @param box x, y, width, height in photo pixels
   * @param landmarks five (x, y) points: right eye, left eye, nose, right and left mouth corner
   * @param embedding the L2-normalised embedding, or null for a face that failed the quality gates
   */
  public Face(
      Photo photo,
      float[] box,
      float[] landmarks,
      float score,
      float[] embedding,
      String qualityNote) {
    this.photo = Objects.requireNonNull(photo, "photo");
    this.eventId = photo.getEvent().getId();
    if (box.length != 4 || box[2] <= 0 || box[3] <= 0) {
      throw new IllegalArgumentException("A face box is x, y, width, height with a positive size");
    }
    if (landmarks.length != 10) {
      throw new IllegalArgumentException("A face has five landmarks");
    }
    this.boxX = box[0];
    this.boxY = box[1];
    this.boxWidth = box[2];
    this.boxHeight = box[3];
    this.landmarks = EmbeddingCodec.encodeFloats(landmarks);
    this.score = score;
    this.searchable = embedding != null && qualityNote == null;
    this.qualityNote = qualityNote;
    this.embedding = embedding == null ? null : EmbeddingCodec.encode(embedding);
  }

  public Long getId() {
    return id;
  }

  public Photo getPhoto() {
    return photo;
  }

  public float[] getBox() {
    return new float[] {boxX, boxY, boxWidth, boxHeight};
  }

  public float[] getLandmarks() {
    return EmbeddingCodec.decodeFloats(landmarks);
  }

  public float getScore() {
    return score;
  }

  public boolean isSearchable() {
    return searchable;
  }

  public Long getSeq() {
    return seq;
  }

  public Long getEventId() {
    return eventId;
  }

  public String getQualityNote() {
    return qualityNote;
  }

  public Long getPersonId() {
    return personId;
  }

  public boolean isPersonPinned() {
    return personPinned;
  }

  /** Clustering places the face; a face the photographer placed stays where it is. */
  public void proposePerson(Long personId) {
    if (!personPinned) {
      this.personId = personId;
    }
  }

  /** The photographer says who this face is: clustering never moves it again. */
  public void pinTo(long personId) {
    this.personId = personId;
    this.personPinned = true;
  }

  public float[] getEmbedding() {
    return embedding == null ? null : EmbeddingCodec.decode(embedding);
  }
}
