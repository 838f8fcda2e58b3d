package io.platformlogger.core.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An append-only log of encoded entries on disk, in numbered segment files, with one {@link
 * SpoolReader} per sink. The pipeline appends on its dispatcher thread and each sink worker reads
 * from its own persisted position; a segment every reader has passed is deleted.
 *
 * <p>A directory belongs to one process at a time: {@link #open} takes an exclusive lock on
 * {@code spool.lock} and fails with {@link SpoolUnavailableException} when another process (or
 * another pipeline in this one) holds it. Segments left by an earlier run are read first and never
 * appended to; this run writes to new segments.
 *
 * <p>Threading: {@link #append}, {@link #publish}, {@link #sync} and {@link #close} from one
 * thread (the dispatcher); {@link #end}, {@link #bytes} and the readers from any thread. Used by
 * the pipeline; applications configure it with the {@code spool.*} keys.
 */
public final class Spool implements AutoCloseable {
  static final String LOCK_FILE = "spool.lock";
  private static final int BUFFER = 256 * 1024;

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final int firstSegmentOfThisRun;

  /** Every segment on disk, with its size once sealed (-1 for the one being written). */
  private final ConcurrentSkipListMap<Integer, Long> segments = new ConcurrentSkipListMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final Map<String, SpoolReader> readers = new ConcurrentHashMap<>();
  private final Object deletion = new Object();

  // Dispatcher thread only:
  private int activeSegment;
  private FileChannel active;
  private long activeWritten;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
  private boolean unsynced;
  private long appendedRecords;

  private volatile long end;
  private volatile boolean closed;

  private Spool(Path dir, long maxBytes, long segmentBytes, FileChannel lockChannel, FileLock lock, int first) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = segmentBytes;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.firstSegmentOfThisRun = first;
  }

  /**
   * Opens (creating if needed) the spool in {@code dir}, holding at most {@code maxBytes} in
   * segments of about {@code segmentBytes}.
   *
   * @throws SpoolUnavailableException when the directory cannot be created or written, or is in
   *     use by another process
   */
  public static Spool open(Path dir, long maxBytes, long segmentBytes) throws SpoolUnavailableException {
    Path abs = dir.toAbsolutePath();
    SpoolDirectory.prepare(abs); // 0700, ours, no symbolic links among the spool's files
    FileChannel lockChannel;
    try {
      lockChannel = SpoolDirectory.open(abs.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new SpoolUnavailableException(
          "spool directory " + abs + " is not writable (" + e + "); set spool.dir to a writable directory"
              + " or spool.enabled=false", e);
    }
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException | IOException e) {
      lock = null;
    }
    if (lock == null) {
      closeQuietly(lockChannel);
      throw new SpoolUnavailableException(
          "spool directory " + abs + " is in use by another process (or another pipeline in this one);"
              + " give each process its own spool.dir", null);
    }
    try {
      int max = 0;
      Map<Integer, Long> found = new java.util.TreeMap<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(abs, "*.seg")) {
        for (Path p : ds) {
          int n = Segments.parse(p.getFileName().toString());
          if (n > 0) {
            found.put(n, Files.size(p));
            max = Math.max(max, n);
          }
        }
      }
      Spool s = new Spool(abs, maxBytes, segmentBytes, lockChannel, lock, max + 1);
      found.forEach((n, size) -> {
        s.segments.put(n, size);
        s.bytes.addAndGet(size);
      });
      s.startSegment(max + 1);
      return s;
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new SpoolUnavailableException(
          "cannot use spool directory " + abs + " (" + e + "); set spool.dir to a writable directory"
              + " or spool.enabled=false", e);
    }
  }

  private void startSegment(int n) throws IOException {
    active = SpoolDirectory.create(Segments.file(dir, n));
    activeSegment = n;
    activeWritten = 0;
    segments.put(n, -1L);
    end = Segments.position(n, 0);
  }

  /** The directory, absolute. */
  public Path directory() {
    return dir;
  }

  /** Bytes on disk, including records buffered but not yet written. */
  public long bytes() {
    return bytes.get() + buffer.position();
  }

  /** The size bound, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Buffers one record; it reaches the file at the latest at {@link #publish}. Starts a new segment
   * when this one would grow past the segment size. Returns the record's position; it ends at that
   * position plus {@link #recordSize}.
   */
  public long append(byte[] payload) throws IOException {
    int len = payload.length;
    if (len > RecordFormat.MAX_PAYLOAD) {
      throw new IOException("record of " + len + " bytes exceeds the spool's record limit");
    }
    long size = (long) RecordFormat.HEADER + len;
    long inSegment = activeWritten + buffer.position();
    if (inSegment > 0 && inSegment + size > segmentBytes) {
      writeBuffer();
      roll();
    }
    if (size > buffer.remaining()) {
      writeBuffer();
    }
    long start = Segments.position(activeSegment, activeWritten + buffer.position());
    if (size > buffer.capacity()) {
      ByteBuffer big = ByteBuffer.allocate((int) size);
      RecordFormat.writeHeader(big, payload, len);
      big.put(payload);
      big.flip();
      writeFully(big);
    } else {
      RecordFormat.writeHeader(buffer, payload, len);
      buffer.put(payload);
    }
    appendedRecords++;
    return start;
  }

  /** The bytes a record of {@code payloadBytes} takes in a segment. */
  public static int recordSize(int payloadBytes) {
    return RecordFormat.HEADER + payloadBytes;
  }

  /** Writes buffered records to the file and makes them visible to readers; returns the new end. */
  public long publish() throws IOException {
    writeBuffer();
    long e = Segments.position(activeSegment, activeWritten);
    end = e;
    return e;
  }

  private void writeBuffer() throws IOException {
    if (buffer.position() == 0) {
      return;
    }
    buffer.flip();
    try {
      writeFully(buffer);
    } finally {
      buffer.clear();
    }
  }

  private void writeFully(ByteBuffer b) throws IOException {
    int n = b.remaining();
    while (b.hasRemaining()) {
      active.write(b);
    }
    activeWritten += n;
    bytes.addAndGet(n);
    unsynced = true;
  }

  private void roll() throws IOException {
    active.force(false);
    unsynced = false;
    active.close();
    // Sealed before any position in the next segment is published: readers rely on that order.
    segments.put(activeSegment, activeWritten);
    startSegment(activeSegment + 1);
  }

  /** Forces written records to the storage device, if any were written since the last sync. */
  public void sync() throws IOException {
    if (unsynced) {
      unsynced = false;
      active.force(false);
    }
  }

  /** Whether records were written since the last {@link #sync}. */
  public boolean hasUnsynced() {
    return unsynced || buffer.position() > 0;
  }

  /**
   * After a failed write: cuts the segment back to the last published record, so that a later
   * run does not deliver again what this run hands to sinks from memory. Best effort.
   */
  public void abandonUnpublished() {
    buffer.clear();
    try {
      long keep = Segments.offset(end);
      if (Segments.segment(end) == activeSegment && activeWritten > keep) {
        active.truncate(keep);
        bytes.addAndGet(keep - activeWritten);
        activeWritten = keep;
      }
    } catch (IOException | RuntimeException ignored) {
      // the disk refuses even this; a later run may then deliver those records a second time
    }
  }

  /**
   * After a failed write, to try writing again (the disk may have room by now): seals the damaged
   * segment at its last published record, so that readers never read what a failed write left
   * behind it, and starts a new segment. Dispatcher thread.
   *
   * @throws IOException when the new segment cannot be created either (try again later)
   */
  public void resume() throws IOException {
    buffer.clear();
    long keep = Segments.segment(end) == activeSegment ? Segments.offset(end) : 0;
    if (active != null && active.isOpen()) {
      try {
        active.truncate(keep);
      } catch (IOException | RuntimeException ignored) {
        // bytes past keep stay on disk until the segment is deleted; the seal hides them
      }
      closeQuietly(active);
    }
    bytes.addAndGet(keep - activeWritten);
    activeWritten = keep;
    unsynced = false;
    segments.put(activeSegment, keep); // sealed before anything of the next segment is published
    int next = activeSegment + 1;
    Files.deleteIfExists(Segments.file(dir, next)); // left by an earlier attempt that failed
    startSegment(next);
  }

  /** The position after the last published record. */
  public long end() {
    return end;
  }

  /** Records appended by this run. */
  public long appendedRecords() {
    return appendedRecords;
  }

  /**
   * The reader for one sink, starting at its persisted position (or at the oldest segment when it
   * has none). {@code key} names the sink; each key has one reader.
   */
  public SpoolReader reader(String key) throws IOException {
    String safe = key.replaceAll("[^A-Za-z0-9._-]", "_");
    SpoolReader r = new SpoolReader(this, safe, CursorFile.open(dir.resolve("cursor-" + safe + ".pos")));
    if (readers.putIfAbsent(safe, r) != null) {
      r.closeFile();
      throw new IllegalStateException("a spool reader for '" + key + "' exists already");
    }
    return r;
  }

  /** Bytes from {@code position} to the end: what a reader at that position has still to deliver. */
  public long bytesAfter(long position) {
    long e = end;
    int seg = Segments.segment(position);
    long total = 0;
    for (Map.Entry<Integer, Long> s : segments.tailMap(seg, true).entrySet()) {
      int n = s.getKey();
      long size = s.getValue() >= 0 ? s.getValue() : (Segments.segment(e) == n ? Segments.offset(e) : 0);
      total += n == seg ? Math.max(0, size - Segments.offset(position)) : size;
    }
    return total;
  }

  // For readers.

  int firstSegmentOfThisRun() {
    return firstSegmentOfThisRun;
  }

  /** How far segment {@code n} may be read given the published end {@code e}; -1 if it is gone. */
  long limit(int n, long e) {
    Long size = segments.get(n);
    if (size == null) {
      return -1;
    }
    if (size >= 0) {
      return size;
    }
    return Segments.segment(e) == n ? Segments.offset(e) : 0;
  }

  boolean sealed(int n) {
    Long size = segments.get(n);
    return size != null && size >= 0;
  }

  /** The first segment numbered {@code n} or higher, or -1. */
  int segmentFrom(int n) {
    Integer k = segments.ceilingKey(n);
    return k == null ? -1 : k;
  }

  int oldestSegment() {
    Integer k = segments.isEmpty() ? null : segments.firstKey();
    return k == null ? activeSegment : k;
  }

  Path segmentFile(int n) {
    return Segments.file(dir, n);
  }

  /** Deletes every sealed segment that all readers have moved past. */
  void released() {
    synchronized (deletion) {
      if (closed || readers.isEmpty()) {
        return;
      }
      int min = Integer.MAX_VALUE;
      for (SpoolReader r : readers.values()) {
        min = Math.min(min, Segments.segment(r.committed()));
      }
      for (Map.Entry<Integer, Long> s : segments.headMap(min, false).entrySet()) {
        if (s.getValue() < 0) {
          continue;
        }
        try {
          Files.deleteIfExists(segmentFile(s.getKey()));
          segments.remove(s.getKey());
          bytes.addAndGet(-s.getValue());
        } catch (IOException e) {
          break; // tried again after the next batch
        }
      }
    }
  }

  /** Writes what is buffered, syncs it and releases the directory. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    IOException failure = null;
    try {
      writeBuffer();
      sync();
    } catch (IOException e) {
      failure = e;
    }
    synchronized (deletion) {
      closed = true;
    }
    for (SpoolReader r : readers.values()) {
      r.closeFile();
    }
    closeQuietly(active);
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(lockChannel);
    if (failure != null) {
      throw failure;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (Exception ignored) {
      // nothing more to do
    }
  }
}
