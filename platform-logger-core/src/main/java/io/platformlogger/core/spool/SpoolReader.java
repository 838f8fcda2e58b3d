package io.platformlogger.core.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/**
 * One sink's way through the spool: reads records in order from its position, skipping (and
 * counting) corrupt or torn ones, and persists how far the sink has got with {@link #commit}.
 *
 * <p>A corrupt record never blocks the ones after it: the reader scans forward for the next record
 * marker whose checksum holds. A torn tail (a record cut short by a crash) is one such region.
 *
 * <p>Threading: one sink worker calls everything except {@link #committed}, which any thread may
 * read.
 */
public final class SpoolReader {
  private static final int WINDOW = 256 * 1024;

  private final Spool spool;
  private final String key;
  private final CursorFile cursor;
  private final ByteBuffer header = ByteBuffer.allocate(RecordFormat.HEADER);
  /** Read-ahead over the open segment: records are read with one system call per window, not two per record. */
  private final byte[] window = new byte[WINDOW];
  private long windowStart;
  private int windowLength;

  private long position;
  private volatile long committed;
  private int openSegment = -1;
  private FileChannel channel;
  private boolean lastWasReplay;
  private volatile long corruptRegions;
  private volatile long corruptBytes;
  private long scannedBytes;
  private long checksummedBytes;

  SpoolReader(Spool spool, String key, CursorFile cursor) throws IOException {
    this.spool = spool;
    this.key = key;
    this.cursor = cursor;
    long saved;
    try {
      saved = cursor.read();
    } catch (IOException e) {
      cursor.close();
      throw e;
    }
    this.position = saved >= 0 ? saved : Segments.position(spool.oldestSegment(), 0);
    this.committed = position;
  }

  /** The key this reader's position is saved under. */
  public String key() {
    return key;
  }

  /** The position after the last record returned by {@link #next}. */
  public long position() {
    return position;
  }

  /** The position last passed to {@link #commit}: everything before it is delivered. */
  public long committed() {
    return committed;
  }

  /** Whether records are waiting after the current position. */
  public boolean hasMore() {
    return position < spool.end();
  }

  /** Whether the record last returned was left by an earlier run. */
  public boolean lastWasReplay() {
    return lastWasReplay;
  }

  /** Corrupt or torn regions skipped so far. */
  public long corruptRegions() {
    return corruptRegions;
  }

  /** Bytes in those regions. */
  public long corruptBytes() {
    return corruptBytes;
  }

  /** The next record's payload, or null when the reader has reached the published end. */
  public byte[] next() throws IOException {
    while (true) {
      long e = spool.end();
      if (position >= e) {
        return null;
      }
      int seg = Segments.segment(position);
      long off = Segments.offset(position);
      long limit = spool.limit(seg, e);
      if (limit < 0) {
        int n = spool.segmentFrom(seg + 1);
        if (n < 0) {
          return null;
        }
        position = Segments.position(n, 0);
        continue;
      }
      if (off >= limit) {
        if (!spool.sealed(seg)) {
          return null;
        }
        int n = spool.segmentFrom(seg + 1);
        if (n < 0) {
          return null;
        }
        position = Segments.position(n, 0);
        continue;
      }
      if (!open(seg)) {
        int n = spool.segmentFrom(seg + 1);
        position = n < 0 ? e : Segments.position(n, 0);
        continue;
      }
      byte[] payload = readAt(off, limit);
      if (payload != null) {
        position = Segments.position(seg, off + RecordFormat.HEADER + payload.length);
        lastWasReplay = seg < spool.firstSegmentOfThisRun();
        return payload;
      }
      long resume = scan(off + 1, limit);
      corruptRegions++;
      corruptBytes += resume - off;
      position = Segments.position(seg, resume);
    }
  }

  /**
   * Moves past the record at {@code start} (ending at {@code end}) without reading it, when it is
   * the next one: the caller has its content in memory. Returns whether it was the next one.
   */
  public boolean skip(long start, long end) {
    if (position != start) {
      int seg = Segments.segment(position);
      // At the end of a sealed segment, the next record is the first of the following one.
      if (Segments.offset(start) != 0
          || !spool.sealed(seg)
          || Segments.offset(position) != spool.limit(seg, spool.end())
          || spool.segmentFrom(seg + 1) != Segments.segment(start)) {
        return false;
      }
    }
    position = end;
    lastWasReplay = false;
    return true;
  }

  /** Persists {@code position} as delivered and lets the spool delete segments everyone passed. */
  public void commit(long position) throws IOException {
    cursor.write(position);
    committed = position;
    spool.released();
  }

  private boolean open(int seg) throws IOException {
    if (openSegment == seg && channel != null) {
      return true;
    }
    closeChannel();
    try {
      channel = SpoolDirectory.open(spool.segmentFile(seg), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return false;
    }
    openSegment = seg;
    return true;
  }

  /** The payload of an intact record at {@code off}, or null when none starts there. */
  private byte[] readAt(long off, long limit) throws IOException {
    if (limit - off < RecordFormat.HEADER) {
      return null;
    }
    header.clear();
    if (!readFully(header, off)) {
      return null;
    }
    header.flip();
    if (header.getInt() != RecordFormat.MAGIC) {
      return null;
    }
    int len = header.getInt();
    int crc = header.getInt();
    if (len < 0 || len > RecordFormat.MAX_PAYLOAD || len > limit - off - RecordFormat.HEADER) {
      return null;
    }
    byte[] payload = new byte[len];
    if (!readFully(ByteBuffer.wrap(payload), off + RecordFormat.HEADER)) {
      return null;
    }
    return RecordFormat.checksum(len, payload, 0, len) == crc ? payload : null;
  }

  /**
   * The offset of the next intact record at or after {@code from}, or {@code limit}. Linear in the
   * bytes from {@code from} to the record found: a payload is UTF-8 JSON, which never holds the
   * marker's first bytes, so a candidate whose claimed payload contains another marker is no record
   * and its checksum is never computed; a candidate whose payload holds none is checked once, and
   * no record can start inside that payload. What is known to hold no marker is never scanned
   * twice, so a crafted segment of fake headers each claiming to run to its end costs a few passes
   * over it, not one per header.
   */
  private long scan(long from, long limit) throws IOException {
    long clearFrom = from; // [clearFrom, clearTo): no marker starts there
    long clearTo = from;
    long p = from;
    while (true) {
      long c = findMarker(p, limit, clearFrom, clearTo);
      if (c < 0) {
        return limit;
      }
      long len = claimedLength(c, limit);
      if (len >= 0) {
        long payload = c + RecordFormat.HEADER;
        long end = payload + len;
        long inner = findMarker(payload, end, clearFrom, clearTo);
        if (inner < 0) {
          if (readAt(c, limit) != null) {
            checksummedBytes += len;
            return c;
          }
          checksummedBytes += len;
        }
        clearFrom = payload; // no marker starts in [payload, inner or end): a later candidate skips it
        clearTo = inner < 0 ? end : inner;
      }
      p = c + 1;
    }
  }

  /** The payload length the header at {@code c} claims, or -1 when it cannot fit before {@code limit}. */
  private long claimedLength(long c, long limit) throws IOException {
    if (limit - c < RecordFormat.HEADER) {
      return -1;
    }
    header.clear();
    if (!readFully(header, c)) {
      return -1;
    }
    int len = header.getInt(4);
    return len < 0 || len > RecordFormat.MAX_PAYLOAD || len > limit - c - RecordFormat.HEADER ? -1 : len;
  }

  /**
   * The first offset in {@code [from, to)} where a record marker starts (all four bytes before
   * {@code to}), or -1, without scanning {@code [clearFrom, clearTo)}, where none starts.
   */
  private long findMarker(long from, long to, long clearFrom, long clearTo) throws IOException {
    if (from < clearFrom && clearFrom < to) {
      long m = findMarkerIn(from, Math.min(to, clearFrom + 3)); // a marker starting before clearFrom
      if (m >= 0) {
        return m;
      }
      from = clearTo;
    } else if (from >= clearFrom && from < clearTo) {
      from = clearTo;
    }
    return findMarkerIn(from, to);
  }

  /** {@link #findMarker} over the whole range; scans the read-ahead window in place. */
  private long findMarkerIn(long from, long to) throws IOException {
    long at = from;
    while (at + 4 <= to) {
      if (at < windowStart || at + 4 > windowStart + windowLength) {
        fillWindow(at);
        if (windowLength < 4) {
          return -1; // the file ends first
        }
      }
      int i = (int) (at - windowStart);
      int n = (int) Math.min(windowLength, to - windowStart);
      for (; i + 3 < n; i++) {
        scannedBytes++;
        if (window[i] == (byte) 0xF1 && window[i + 1] == (byte) 0x0C && window[i + 2] == (byte) 0x5F
            && window[i + 3] == (byte) 0x01) {
          return windowStart + i;
        }
      }
      at = windowStart + i; // the last 3 bytes of the window are scanned again after the refill
    }
    return -1;
  }

  /** Work done resynchronizing: bytes compared and checksummed while scanning (for tests). */
  long resyncWork() {
    return scannedBytes + checksummedBytes;
  }

  private boolean readFully(ByteBuffer b, long at) throws IOException {
    int want = b.remaining();
    if (want <= WINDOW) {
      if (at < windowStart || at + want > windowStart + windowLength) {
        fillWindow(at);
      }
      if (at + want <= windowStart + windowLength) {
        b.put(window, (int) (at - windowStart), want);
        return true;
      }
      return false; // the segment ends first
    }
    while (b.hasRemaining()) {
      int r = channel.read(b, at + b.position());
      if (r < 0) {
        return false;
      }
    }
    return true;
  }

  /** Reads as much as the file holds from {@code at}, up to a window. Segments only grow, so the bytes stay valid. */
  private void fillWindow(long at) throws IOException {
    ByteBuffer w = ByteBuffer.wrap(window);
    windowStart = at;
    windowLength = 0;
    while (w.hasRemaining()) {
      int r = channel.read(w, at + w.position());
      if (r <= 0) {
        break;
      }
    }
    windowLength = w.position();
  }

  private void closeChannel() {
    windowLength = 0;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // read-only
      }
      channel = null;
      openSegment = -1;
    }
  }

  void closeFile() {
    closeChannel();
    try {
      cursor.close();
    } catch (IOException ignored) {
      // the position is written already
    }
  }
}
