package app.glimpse.imports.boundary;

import app.glimpse.imports.control.SourceFolders;
import app.glimpse.imports.control.UploadStore;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.platform.boundary.MultipartStream;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Receives an upload of many photos as multipart form data (any part with a file name), streamed
 * part by part into a new upload folder of the event, and imports them like a server folder: for
 * the API ({@link UploadsResource}) and the studio's drag and drop ({@link StudioUploads}). Files
 * that are not images (by content) or are too large are skipped with a reason.
 */
@ApplicationScoped
public class UploadReceiver {

  @EJB Imports imports;

  @Inject UploadStore uploads;

  @Inject
  @ConfigProperty(name = "glimpse.import.max-file-bytes", defaultValue = "200000000")
  long maxFileBytes;

  @Inject
  @ConfigProperty(name = "glimpse.upload.max-files", defaultValue = "5000")
  int maxFiles;

  /**
   * Stores the upload's photos and starts their import.
   *
   * @throws ClientError 400 when it holds no photo or breaks off, 413 with too many files
   */
  public Uploaded receive(Caller caller, long id, String contentType, InputStream body) {
    MultipartStream parts = MultipartStream.of(contentType, body);
    String location = imports.newUpload(caller, id);
    java.nio.file.Path batch = uploads.folder(location);
    List<Skipped> skipped = new ArrayList<>();
    int stored = 0;
    boolean done = false;
    try {
      for (MultipartStream.Part part = parts.next(); part != null; part = parts.next()) {
        if (part.fileName() == null || part.fileName().isBlank()) {
          parts.skipBody();
          continue;
        }
        if (stored + skipped.size() >= maxFiles) {
          throw new ClientError(
              413, "too_many_files", "Upload at most " + maxFiles + " files at once.");
        }
        java.nio.file.Path file = uploads.newFile(batch, part.fileName());
        long written;
        try (Capped out = new Capped(Files.newOutputStream(file), maxFileBytes)) {
          written = parts.copyBody(out, Long.MAX_VALUE, "");
        }
        String reason = null;
        if (written > maxFileBytes) {
          reason =
              "The file is "
                  + written / 1_000_000
                  + " MB; photos up to "
                  + maxFileBytes / 1_000_000
                  + " MB are imported.";
        } else if (written == 0) {
          reason = "The file is empty.";
        } else if (!SourceFolders.looksLikeImage(file)) {
          reason =
              "Not a photo: the content is not JPEG, PNG, GIF, WebP, TIFF, BMP, HEIC or camera"
                  + " RAW.";
        }
        if (reason == null) {
          stored++;
        } else {
          Files.deleteIfExists(file);
          skipped.add(new Skipped(part.fileName(), reason));
        }
      }
      if (stored == 0) {
        throw ClientError.badRequest(
            "no_photos", "The upload holds no photos." + (skipped.isEmpty() ? "" : " " + skipped));
      }
      ImportView started = imports.importUpload(caller, id, location, stored);
      done = true;
      return new Uploaded(started.id(), stored, skipped);
    } catch (IOException e) {
      throw ClientError.badRequest("upload_broken", "The upload broke off; send it again.");
    } finally {
      if (!done) {
        uploads.delete(batch);
      }
    }
  }

  /** What an upload answers: the import started, the files it imports, those it skipped. */
  public record Uploaded(long id, int files, List<Skipped> skipped) {}

  /** A file of the upload that is not imported, and why. */
  public record Skipped(String fileName, String reason) {}

  /** Writes up to a limit and drops the rest, so that an oversized part is read to its end. */
  private static final class Capped extends FilterOutputStream {
    private final long limit;
    private long count;

    Capped(OutputStream out, long limit) {
      super(out);
      this.limit = limit;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      long room = Math.max(0, limit - count);
      if (room > 0) {
        out.write(b, off, (int) Math.min(room, len));
      }
      count += len;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
