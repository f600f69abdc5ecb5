package app.glimpse.photos.control;

import app.glimpse.platform.control.DataDirectory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The thumbnails and display previews of photos, as JPEG files under {@code previews/<event>/} of
 * the data directory (a shared volume in a cluster). The originals stay in the photographer's
 * storage.
 *
 * <p>A preview is never seen half written: each file is written to a temporary file beside it,
 * forced to the disk, and only then moved to its name in one step, so that a reader (or a restart
 * after a crash) finds the whole JPEG or none. When the disk has no room (it is full, over its
 * quota, or refuses a file of that size), {@link #store} leaves nothing behind, neither the
 * temporary file nor the other image of the photo, and throws {@link PreviewsFullException} with a
 * reason the photographer can read; the photo is then not stored. Images stored in a transaction
 * that rolls back are removed again: no preview is kept of a photo that was not stored.
 */
@ApplicationScoped
public class Previews {

  private static final Logger LOG = Logger.getLogger(Previews.class.getName());

  /** What the system says of a disk without room (ENOSPC, EDQUOT), in the C locale. */
  private static final List<String> NO_ROOM =
      List.of("No space left on device", "Disk quota exceeded");

  /** What the system says of a file above the size limit (EFBIG: a file-size limit, ulimit -f). */
  private static final String TOO_LARGE = "File too large";

  /** How a file's bytes reach the disk; a test's may fail as a full disk does. */
  interface Writer {
    void write(Path file, byte[] bytes) throws IOException;
  }

  @Resource TransactionSynchronizationRegistry transactions;

  private Path root;
  private Writer writer = Previews::writeForced;

  public Previews() {}

  /** Previews under {@code root}, outside a container. */
  Previews(Path root) {
    this.root = root;
  }

  /** Previews under {@code root}, their bytes written by {@code writer}, outside a container. */
  Previews(Path root, Writer writer) {
    this.root = root;
    this.writer = writer;
  }

  public Path thumbnail(long eventId, long photoId) {
    return folder(eventId).resolve(photoId + "-thumb.jpg");
  }

  public Path preview(long eventId, long photoId) {
    return folder(eventId).resolve(photoId + "-preview.jpg");
  }

  /**
   * Stores both images, both whole or neither; in a transaction, they are removed again if it does
   * not commit.
   *
   * @throws PreviewsFullException if the disk has no room for them
   * @throws UncheckedIOException if they cannot be written for another reason
   */
  public void store(long eventId, long photoId, byte[] thumbnail, byte[] preview) {
    Path thumb = thumbnail(eventId, photoId);
    Path display = preview(eventId, photoId);
    boolean whole = false;
    try {
      Files.createDirectories(folder(eventId));
      write(thumb, thumbnail);
      write(display, preview);
      whole = true;
    } catch (PreviewsFullException full) {
      LOG.log(
          Level.WARNING,
          "The previews of photo {0} find no room in {1}: {2}",
          new Object[] {photoId, folder(eventId), full.getCause().getMessage()});
      throw full;
    } catch (IOException e) {
      String reason = noRoom(e, folder(eventId), thumbnail.length + (long) preview.length);
      if (reason != null) { // the event's folder could not even be made
        throw new PreviewsFullException(reason, e);
      }
      throw new UncheckedIOException("Cannot store the previews of photo " + photoId, e);
    } finally {
      if (!whole) {
        removeQuietly(thumb); // written already when the preview failed
        removeQuietly(display);
      }
    }
    removeOnRollback(thumb, display);
  }

  /** Removes both images of a deleted photo; what cannot be removed now stays behind harmlessly. */
  public void delete(long eventId, long photoId) {
    for (Path file : List.of(thumbnail(eventId, photoId), preview(eventId, photoId))) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException leftBehind) {
        // served to nobody: the photo is gone from every list and its link answers 404
      }
    }
  }

  /**
   * Removes every preview of a deleted event; what cannot be removed now stays behind harmlessly.
   */
  public void deleteEvent(long eventId) {
    Path folder = folder(eventId);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (var files = Files.list(folder)) {
      files.forEach(
          file -> {
            try {
              Files.deleteIfExists(file);
            } catch (IOException leftBehind) {
              // an unreachable thumbnail of a deleted event is shown to nobody
            }
          });
      Files.deleteIfExists(folder);
    } catch (IOException leftBehind) {
      // as above
    }
  }

  /**
   * Writes {@code jpeg} to a temporary file beside {@code target} and moves it there whole. Whether
   * the disk had no room is asked before the temporary file is removed (which frees what it took).
   */
  private void write(Path target, byte[] jpeg) throws IOException {
    Path temp = null;
    try {
      temp = Files.createTempFile(target.getParent(), ".preview", ".tmp");
      writer.write(temp, jpeg);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      String reason = noRoom(e, target.getParent(), jpeg.length);
      if (temp != null) {
        removeQuietly(temp);
      }
      if (reason != null) {
        throw new PreviewsFullException(reason, e);
      }
      throw e;
    } catch (RuntimeException | Error e) {
      if (temp != null) {
        removeQuietly(temp);
      }
      throw e;
    }
  }

  /**
   * The photographer's reason if {@code failure} means that the disk of {@code folder} has no room
   * for a file of {@code bytes} bytes, else null: the system's words (in the C locale the JVM's
   * messages are in), or, in any words, less room left than the file needs.
   */
  static String noRoom(IOException failure, Path folder, long bytes) {
    String said = said(failure);
    if (said.contains(TOO_LARGE)) {
      return "The previews disk takes no file this large ("
          + said
          + "): Glimpse could not write this photo's thumbnail and preview. Import the folder"
          + " again once the server's file-size limit is raised.";
    }
    if (NO_ROOM.stream().anyMatch(said::contains) || usableSpace(folder) < bytes) {
      return "The previews disk is full ("
          + said
          + "): Glimpse could not write this photo's thumbnail and preview. Import the folder"
          + " again once the server has room for previews.";
    }
    return null;
  }

  /** What the system said, without the file's path that a {@link FileSystemException} adds. */
  private static String said(IOException failure) {
    if (failure instanceof FileSystemException named && named.getReason() != null) {
      return named.getReason();
    }
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  private static long usableSpace(Path folder) {
    try {
      return Files.getFileStore(folder).getUsableSpace();
    } catch (IOException | RuntimeException unknown) {
      return Long.MAX_VALUE; // no room is then only what the system says
    }
  }

  /**
   * Writes {@code bytes} and forces them to the disk before the file is moved to its name: after a
   * crash, a file moved before its content reached the disk can be found empty under that name.
   */
  private static void writeForced(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    }
  }

  /**
   * Removes {@code files} once the current transaction rolls back (or at once if it is marked so):
   * the photo they belong to was not stored, and a later try stores it under another id.
   */
  private void removeOnRollback(Path... files) {
    if (transactions == null) {
      return; // outside a container
    }
    int status = transactions.getTransactionStatus();
    if (status == Status.STATUS_MARKED_ROLLBACK) {
      removeAll(files);
    } else if (status == Status.STATUS_ACTIVE) {
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int completed) {
              if (completed != Status.STATUS_COMMITTED) {
                removeAll(files);
              }
            }
          });
    }
  }

  private static void removeAll(Path... files) {
    for (Path file : files) {
      removeQuietly(file);
    }
  }

  private static void removeQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException leftBehind) {
      // a file under no photo's name is served to nobody
    }
  }

  private Path folder(long eventId) {
    Path previews = root != null ? root : DataDirectory.path().resolve("previews");
    return previews.resolve(Long.toString(eventId));
  }
}
