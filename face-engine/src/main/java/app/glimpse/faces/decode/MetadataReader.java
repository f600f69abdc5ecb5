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
    Metadata metadata;
    try {
      metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(data), data.length);
    } catch (Exception | StackOverflowError e) {
      LOG.log(Level.FINE, "No readable metadata in {0}: {1}", new Object[] {name, e.toString()});
      return new PhotoMetadata(format, null, null, null, null, null, false, 1);
    }
    ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
    ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
    GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
    Integer orientation = integer(ifd0, ExifDirectoryBase.TAG_ORIENTATION);
    return new PhotoMetadata(
        format,
        time(text(sub, ExifDirectoryBase.TAG_DATETIME_ORIGINAL)),
        offset(text(sub, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL)),
        text(ifd0, ExifDirectoryBase.TAG_MAKE),
        text(ifd0, ExifDirectoryBase.TAG_MODEL),
        text(sub, ExifDirectoryBase.TAG_LENS_MODEL),
        gps != null && gps.getTagCount() > 0,
        orientation == null || orientation < 1 || orientation > 8 ? 1 : orientation);
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
