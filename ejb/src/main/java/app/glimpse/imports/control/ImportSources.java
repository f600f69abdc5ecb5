package app.glimpse.imports.control;

import app.glimpse.drive.control.DriveAccess;
import app.glimpse.drive.control.DriveClient;
import app.glimpse.drive.control.DriveFailure;
import app.glimpse.drive.entity.DriveAccount;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.imports.job.SourceFile;
import app.glimpse.imports.job.SourceListingException;
import app.glimpse.imports.job.SourcePage;
import app.glimpse.photos.entity.Photo;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The files of an import's source, whatever its kind: listed page by page for the import job, and
 * read one by one for indexing. A server folder is listed in one page, by content; a Drive folder
 * page by page through Drive ({@link KnownFiles} then leaves out what is indexed already). Drive
 * content is only ever held in memory.
 */
@Dependent
public class ImportSources {

  @PersistenceContext EntityManager em;

  @Inject DriveAccess drive;

  @Inject UploadStore uploads;

  @Inject StudioImportRoots roots;

  /** Files are read whole into memory: larger ones are refused rather than risk the heap. */
  @Inject
  @ConfigProperty(name = "glimpse.import.max-file-bytes", defaultValue = "200000000")
  long maxFileBytes;

  /**
   * The page of the import's image files at {@code cursor}.
   *
   * @throws SourceListingException if the source cannot be listed
   */
  public SourcePage page(PhotoImport run, String cursor) {
    Source source = run.getSource();
    switch (source.getKind()) {
      case FOLDER:
      case UPLOAD:
        return folderPage(source);
      case DRIVE:
        return drivePage(run, cursor);
      default:
        throw new SourceListingException(source.getKind() + " sources are not listed by a job.");
    }
  }

  /**
   * The content of {@code file}.
   *
   * @throws UnreadableFileException with the reason if it cannot be read
   */
  public byte[] read(PhotoImport run, SourceFile file) throws UnreadableFileException {
    if (file.size() > maxFileBytes) {
      throw tooLarge(file.size());
    }
    switch (run.getSource().getKind()) {
      case FOLDER:
      case UPLOAD:
        return readFolderFile(run.getSource(), file.id());
      case DRIVE:
        try {
          return client(run).download(file.id(), file.name(), maxFileBytes);
        } catch (DriveFailure e) {
          throw new UnreadableFileException(e.getMessage());
        }
      default:
        throw new UnreadableFileException(
            run.getSource().getKind() + " files are not read by the import queue.");
    }
  }

  /**
   * The original of an indexed photo as a stream, for downloads: from the server folder, the upload
   * folder or Drive (with the Drive connection of whoever imported it), never read whole.
   *
   * @throws UnreadableFileException with the reason if it cannot be opened
   */
  public InputStream open(Source source, Photo photo) throws UnreadableFileException {
    switch (source.getKind()) {
      case FOLDER:
      case UPLOAD:
        try {
          return Channels.newInputStream(
              SourceFolders.open(folder(source), photo.getSourceFileId()));
        } catch (NoSuchFileException gone) {
          throw new UnreadableFileException("The original was removed.");
        } catch (IOException | IllegalArgumentException e) {
          throw new UnreadableFileException("Cannot read the original: " + e.getMessage());
        }
      case DRIVE:
        PhotoImport run =
            photo.getImportId() == null ? null : em.find(PhotoImport.class, photo.getImportId());
        if (run == null) {
          throw new UnreadableFileException("The import of this photo is gone.");
        }
        try {
          return client(run).open(photo.getSourceFileId(), photo.getFileName());
        } catch (DriveFailure e) {
          throw new UnreadableFileException(e.getMessage());
        }
      default:
        throw new UnreadableFileException(source.getKind() + " photos cannot be downloaded.");
    }
  }

  private SourcePage folderPage(Source source) {
    try {
      Path folder = folder(source);
      return new SourcePage(
          SourceFolders.imageFiles(folder).stream()
              .map(id -> new SourceFile(id, Path.of(id).getFileName().toString(), null, -1))
              .toList(),
          null);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new SourceListingException(e.getMessage());
    }
  }

  /** The Drive page at {@code cursor}, as the import job's page. */
  private SourcePage drivePage(PhotoImport run, String cursor) {
    try {
      DriveClient.DrivePage page =
          client(run).images(run.getSource().getLocation(), run.isIncludeSubfolders(), cursor);
      return new SourcePage(
          page.files().stream()
              .map(
                  file ->
                      new SourceFile(
                          file.id(), file.name(), file.version(), file.size(), file.folder()))
              .toList(),
          page.next());
    } catch (DriveFailure e) {
      throw new SourceListingException(e.getMessage());
    }
  }

  private DriveClient client(PhotoImport run) {
    DriveAccount account =
        run.getRequestedBy() == null ? null : em.find(DriveAccount.class, run.getRequestedBy());
    if (account == null) {
      throw new DriveFailure(
          DriveFailure.Kind.DISCONNECTED,
          "Drive was disconnected; connect Drive again and repeat the import.",
          null);
    }
    return drive.client(account);
  }

  private byte[] readFolderFile(Source source, String fileId) throws UnreadableFileException {
    try {
      try (SeekableByteChannel file = SourceFolders.open(folder(source), fileId)) {
        long size = file.size();
        if (size > maxFileBytes) {
          throw tooLarge(size);
        }
        // no more than its size when opened, should it grow while it is read
        return Channels.newInputStream(file).readNBytes((int) size);
      }
    } catch (NoSuchFileException gone) {
      throw new UnreadableFileException("The file was removed.");
    } catch (IOException | IllegalArgumentException e) {
      throw new UnreadableFileException("Cannot read the file: " + e.getMessage());
    }
  }

  /** The folder of a server-folder or upload source, checked to lie where it must. */
  private Path folder(Source source) {
    return source.getKind() == SourceKind.UPLOAD
        ? uploads.folder(source.getLocation())
        : roots.of(source.getEvent().getStudio().getId()).resolve(source.getLocation());
  }

  private UnreadableFileException tooLarge(long size) {
    return new UnreadableFileException(
        "The file is "
            + size / 1_000_000
            + " MB; photos up to "
            + maxFileBytes / 1_000_000
            + " MB are imported.");
  }
}
