package app.glimpse.search.control;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One node's in-memory view of an event's searchable faces: the faces numbered up to {@link
 * #loadedSeq()} in the event's {@link #generation()}. Readers rank on {@link #index()} while one
 * refresher at a time appends what the database numbered since.
 */
public final class EventFaces {

  private final long eventId;
  private final long generation;
  private final FaceIndex index = new FaceIndex();
  private final ReentrantLock refresh = new ReentrantLock();
  private volatile long loadedSeq;
  private volatile long lastUsedNanos = System.nanoTime();

  EventFaces(long eventId, long generation) {
    this.eventId = eventId;
    this.generation = generation;
  }

  public long eventId() {
    return eventId;
  }

  public long generation() {
    return generation;
  }

  public long loadedSeq() {
    return loadedSeq;
  }

  public FaceIndex index() {
    return index;
  }

  ReentrantLock refreshLock() {
    return refresh;
  }

  void loadedUpTo(long seq) {
    this.loadedSeq = seq;
  }

  void touch() {
    lastUsedNanos = System.nanoTime();
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }
}
