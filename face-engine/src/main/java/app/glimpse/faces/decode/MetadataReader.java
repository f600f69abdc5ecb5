package app.glimpse.faces.decode;

import app.glimpse.faces.PhotoMetadata;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads capture time, camera, lens, GPS presence and orientation with metadata-extractor.
 *
 * <p>Metadata is a bonus, never a reason to reject a photo: any failure to parse it (EXIF garbage
 * is common after editing tools) yields empty fields and orientation 1.
 */
final class MetadataReader {
  private static final Logger LOG = Logger.getLogger(MetadataReader.class.getName());
  private static final DateTimeFormatter EXIF_TIME =
      DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

  private MetadataReader() {}

  static PhotoMetadata read(byte[] data, String format, String name) {
    return read(List.of(data), format, name);
  }

  /**
   * Reads the metadata of one file, or of several TIFF blobs that together hold it (a CR3's {@code
   * CMT} boxes: IFD0 in one, the Exif IFD in another); each tag is taken from the first directory
   * that has it, so that a NEF's SubIFDs (read as Exif sub-IFDs too) do not hide its Exif IFD.
   */
  static PhotoMetadata read(List<byte[]> blobs, String format, String name) {
    List<Directory> ifd0 = new ArrayList<>();
    List<Directory> sub = new ArrayList<>();
    boolean gps = false;
    for (byte[] data : blobs) {
      Metadata metadata;
      try {
        metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(data), data.length);
      } catch (Exception | StackOverflowError e) {
        LOG.log(Level.FINE, "No readable metadata in {0}: {1}", new Object[] {name, e.toString()});
        continue;
      }
      metadata.getDirectoriesOfType(ExifIFD0Directory.class).forEach(ifd0::add);
      metadata.getDirectoriesOfType(ExifSubIFDDirectory.class).forEach(sub::add);
      GpsDirectory directory = metadata.getFirstDirectoryOfType(GpsDirectory.class);
      gps |= directory != null && directory.getTagCount() > 0;
    }
    // a CR3's Exif IFD is a TIFF of its own, whose tags are read as an IFD0's
    List<Directory> exif = new ArrayList<>(sub);
    exif.addAll(ifd0);
    Integer orientation = integer(ifd0, ExifDirectoryBase.TAG_ORIENTATION);
    return new PhotoMetadata(
        format,
        time(text(exif, ExifDirectoryBase.TAG_DATETIME_ORIGINAL)),
        offset(text(exif, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL)),
        text(ifd0, ExifDirectoryBase.TAG_MAKE),
        text(ifd0, ExifDirectoryBase.TAG_MODEL),
        text(exif, ExifDirectoryBase.TAG_LENS_MODEL),
        gps,
        orientation == null || orientation < 1 || orientation > 8 ? 1 : orientation);
  }

  private static String text(List<Directory> directories, int tag) {
    for (Directory directory : directories) {
      String value = text(directory, tag);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static Integer integer(List<Directory> directories, int tag) {
    for (Directory directory : directories) {
      Integer value = integer(directory, tag);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String text(Directory directory, int tag) {
    if (directory == null) {
      return null;
    }
    String value = directory.getString(tag);
    if (value == null) {
      return null;
    }
    value = value.replace("\0", "").trim();
    return value.isEmpty() ? null : value;
  }

  private static Integer integer(Directory directory, int tag) {
    return directory == null ? null : directory.getInteger(tag);
  }

  private static LocalDateTime time(String value) {
    try {
      return value == null ? null : LocalDateTime.parse(value, EXIF_TIME);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static ZoneOffset offset(String value) {
    try {
      return value == null ? null : ZoneOffset.of(value);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
