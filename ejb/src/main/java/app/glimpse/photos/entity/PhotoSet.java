package app.glimpse.photos.entity;

import app.glimpse.platform.control.FileTexts;
import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A named group of an event's photos ("Ceremony", "Reception", "Portraits") that guests browse by.
 * A photo may be in several sets ({@link PhotoSetMember}). A set an import made from a sub-folder
 * keeps the folder's path, so later imports of that folder add to it, whatever it was renamed to.
 */
@Entity
@Table(name = "photo_set")
@NamedQuery(
    name = PhotoSet.FIND_BY_EVENT,
    query = "SELECT s FROM PhotoSet s WHERE s.eventId = :eventId ORDER BY s.position, s.id")
public class PhotoSet {

  public static final String FIND_BY_EVENT = "PhotoSet.findByEvent";

  /** The column's size in V10__curate.sql. */
  public static final int NAME_LENGTH = 100;

  @Id
  @SequenceGenerator(name = "photo_set_seq", sequenceName = "photo_set_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "photo_set_seq")
  private Long id;

  private long eventId;
  private String name;
  private int position;
  private String folder;
  private Instant createdAt;

  protected PhotoSet() {}

  /**
   * A set named {@code name}, placed at {@code position}; {@code folder} is the sub-folder an
   * import made it from, or null for one the photographer made.
   */
  public PhotoSet(long eventId, String name, int position, String folder) {
    this.eventId = eventId;
    rename(name);
    this.position = position;
    this.folder = folder;
    this.createdAt = Timestamps.now();
  }

  /**
   * The name a set made from a sub-folder gets: its path, the folders parted by " / ", cleaned and
   * cut to fit.
   */
  public static String nameOfFolder(String folder) {
    String name = FileTexts.clean(folder.replace("/", " / "), NAME_LENGTH);
    return name == null || name.isBlank() ? "Folder" : name;
  }

  /**
   * Renames the set.
   *
   * @throws IllegalArgumentException if the name is blank or longer than {@value #NAME_LENGTH}
   *     characters
   */
  public void rename(String name) {
    if (name == null || name.isBlank() || name.strip().length() > NAME_LENGTH) {
      throw new IllegalArgumentException("A set's name has 1 to " + NAME_LENGTH + " characters.");
    }
    this.name = name.strip();
  }

  public void moveTo(int position) {
    this.position = position;
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

  public int getPosition() {
    return position;
  }

  public String getFolder() {
    return folder;
  }
}
