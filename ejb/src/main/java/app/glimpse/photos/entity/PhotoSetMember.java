package app.glimpse.photos.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** That a photo is in a set; a photo may be in several (see V10__curate.sql). */
@Entity
@Table(name = "photo_set_member")
@IdClass(PhotoSetMember.Key.class)
public class PhotoSetMember {

  @Id private long setId;
  @Id private long photoId;

  protected PhotoSetMember() {}

  public PhotoSetMember(long setId, long photoId) {
    this.setId = setId;
    this.photoId = photoId;
  }

  public long getSetId() {
    return setId;
  }

  public long getPhotoId() {
    return photoId;
  }

  /** The primary key: the set and the photo (a class with fields, as JPA's id classes are). */
  public static class Key implements Serializable {

    private static final long serialVersionUID = 1L;

    private long setId;
    private long photoId;

    public Key() {}

    public Key(long setId, long photoId) {
      this.setId = setId;
      this.photoId = photoId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.setId == setId && key.photoId == photoId;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(setId) * 31 + Long.hashCode(photoId);
    }
  }
}
