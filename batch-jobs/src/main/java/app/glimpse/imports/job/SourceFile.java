package app.glimpse.imports.job;

import java.io.Serializable;
import java.util.Objects;

/**
 * One image file of an import's source, as the listing found it and the import queue carries it.
 *
 * @param id where the file is in its source: the path relative to a server folder, or the Drive
 *     file id
 * @param name the file's name, for the photographer
 * @param version what identifies this content in the source without reading it (Drive's
 *     md5Checksum, else its modifiedTime); null where the source has none (server folders)
 * @param size the size in bytes the source announces, or -1 if unknown
 * @param folder the sub-folder of the source it lies in (folder names parted by "/"), whose set the
 *     photo goes into, where the id does not say it (Drive); null otherwise
 */
public record SourceFile(String id, String name, String version, long size, String folder)
    implements Serializable {

  public SourceFile {
    Objects.requireNonNull(id, "id");
    name = name == null || name.isBlank() ? id : name;
  }

  public SourceFile(String id, String name, String version, long size) {
    this(id, name, version, size, null);
  }
}
