package app.glimpse.imports.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.events.entity.Event;
import app.glimpse.studios.entity.Studio;
import org.junit.jupiter.api.Test;

/** The life of an import: queued, running, completed; stopped, restarted, relisted, failed. */
class PhotoImportTest {

  private final Event event = new Event(new Studio("Studio"), "Wedding", null, "wedding-abc");
  private final Source folder = new Source(event, SourceKind.FOLDER, "/photos", "photos");

  @Test
  void completesOnceListedAndEveryFileIsHandled() {
    PhotoImport run = new PhotoImport(event, folder);
    assertEquals(ImportStatus.QUEUED, run.getStatus());
    run.started(7);
    assertEquals(ImportStatus.RUNNING, run.getStatus());
    assertEquals(7L, run.getJobExecutionId());
    assertNotNull(run.getStartedAt());
    run.listedMore(3);
    run.count(2, 1, 5);
    assertEquals(ImportStatus.RUNNING, run.getStatus(), "the listing is not done yet");
    run.listingFinished();
    assertEquals(ImportStatus.COMPLETED, run.getStatus());
    assertNotNull(run.getFinishedAt());
    assertEquals(5, run.getFaces());
  }

  @Test
  void completesWhenTheLastFileIsCountedAfterTheListing() {
    PhotoImport run = new PhotoImport(event, folder);
    run.started(1);
    run.listedMore(2);
    run.listingFinished();
    assertEquals(ImportStatus.RUNNING, run.getStatus());
    run.count(1, 0, 0);
    assertEquals(ImportStatus.RUNNING, run.getStatus());
    run.count(1, 1, 0);
    assertEquals(ImportStatus.COMPLETED, run.getStatus());
  }

  @Test
  void aRestartedJobKeepsItsFirstStart() {
    PhotoImport run = new PhotoImport(event, folder);
    run.started(1);
    var first = run.getStartedAt();
    run.started(2);
    assertEquals(first, run.getStartedAt());
    assertEquals(2L, run.getJobExecutionId());
  }

  @Test
  void stopsOnlyWhileNotFinished() {
    PhotoImport run = new PhotoImport(event, folder);
    run.started(1);
    assertTrue(run.stop());
    assertEquals(ImportStatus.STOPPED, run.getStatus());
    assertNotNull(run.getFinishedAt());
    assertFalse(run.stop(), "a stopped import has finished");

    PhotoImport done = new PhotoImport(event, folder);
    done.listingFinished();
    assertEquals(ImportStatus.COMPLETED, done.getStatus(), "nothing listed, nothing to do");
    assertFalse(done.stop());
    assertEquals(ImportStatus.COMPLETED, done.getStatus());
  }

  @Test
  void aStoppedImportIsNotCompletedByLateCounts() {
    PhotoImport run = new PhotoImport(event, folder);
    run.started(1);
    run.listedMore(1);
    run.listingFinished();
    run.stop();
    run.count(1, 0, 0);
    assertEquals(ImportStatus.STOPPED, run.getStatus());
  }

  @Test
  void restartsAStoppedOrFailedImportKeepingWhatItRecorded() {
    PhotoImport run = new PhotoImport(event, folder);
    run.started(1);
    run.listedMore(10);
    run.count(3, 1, 4);
    run.stop();
    assertTrue(run.restart());
    assertEquals(ImportStatus.QUEUED, run.getStatus());
    assertEquals(4, run.getTotal(), "the recorded files count; the rest is listed again");
    assertNull(run.getFinishedAt());
    run.listingFinished();
    assertEquals(ImportStatus.COMPLETED, run.getStatus(), "nothing new was listed");

    PhotoImport failed = new PhotoImport(event, folder);
    failed.fail("The folder is gone");
    assertEquals(ImportStatus.FAILED, failed.getStatus());
    assertTrue(failed.restart());
    assertNull(failed.getFailureReason());
    assertEquals(ImportStatus.QUEUED, failed.getStatus());
  }

  @Test
  void restartsNothingElse() {
    PhotoImport queued = new PhotoImport(event, folder);
    assertFalse(queued.restart());
    queued.started(1);
    assertFalse(queued.restart(), "running");
    queued.listingFinished();
    assertEquals(ImportStatus.COMPLETED, queued.getStatus());
    assertFalse(queued.restart(), "completed");
  }

  @Test
  void relistsOnlyWhileRunningOrQueued() {
    PhotoImport run = new PhotoImport(event, folder);
    run.started(1);
    run.listedMore(5);
    run.count(2, 1, 0);
    assertTrue(run.relist());
    assertEquals(3, run.getTotal());
    assertEquals(ImportStatus.RUNNING, run.getStatus());
    run.count(2, 1, 0);
    assertEquals(ImportStatus.RUNNING, run.getStatus(), "relisted: not done until listed again");
    run.listingFinished();
    assertEquals(ImportStatus.COMPLETED, run.getStatus());
    assertFalse(run.relist());

    PhotoImport stopped = new PhotoImport(event, folder);
    stopped.stop();
    assertFalse(stopped.relist());
  }

  @Test
  void aStoppedImportDoesNotFail() {
    PhotoImport run = new PhotoImport(event, folder);
    run.started(1);
    run.stop();
    run.fail("the job was stopped");
    assertEquals(ImportStatus.STOPPED, run.getStatus());
    assertNull(run.getFailureReason());
  }

  @Test
  void failsWithAReason() {
    PhotoImport run = new PhotoImport(event, folder);
    run.started(1);
    run.fail("Drive was disconnected");
    assertEquals(ImportStatus.FAILED, run.getStatus());
    assertEquals("Drive was disconnected", run.getFailureReason());
    assertNotNull(run.getFinishedAt());
  }

  @Test
  void aDriveImportNeedsADriveSource() {
    assertThrows(
        IllegalArgumentException.class, () -> PhotoImport.ofDrive(event, folder, 1, false));
    Source drive = new Source(event, SourceKind.DRIVE, "folder-id", "Drive: Wedding");
    PhotoImport run = PhotoImport.ofDrive(event, drive, 42, true);
    assertEquals(42L, run.getRequestedBy());
    assertTrue(run.isIncludeSubfolders());
    assertEquals(ImportStatus.QUEUED, run.getStatus());
  }
}
