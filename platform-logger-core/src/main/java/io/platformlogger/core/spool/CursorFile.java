package io.platformlogger.core.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One sink's persisted read position. Two fixed slots written alternately in place, each with a
 * sequence number and a checksum: a write torn by a crash spoils at most the slot being written,
 * and the other still holds the previous position (which only means replaying a batch again).
 * Not fsynced: a position lost with the page cache on power loss also only means a replay.
 * Threading: one sink worker.
 */
final class CursorFile implements AutoCloseable {
  private static final int SLOT = 24;

  private final FileChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocate(SLOT);
  private long sequence;

  private CursorFile(FileChannel channel) {
    this.channel = channel;
  }

  static CursorFile open(Path file) throws IOException {
    return new CursorFile(
        SpoolDirectory.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  /** The last position written, or -1 when the file is new or neither slot is intact. */
  long read() throws IOException {
    long best = -1;
    long bestSeq = -1;
    for (int slot = 0; slot < 2; slot++) {
      buf.clear();
      int n = 0;
      while (buf.hasRemaining()) {
        int r = channel.read(buf, (long) slot * SLOT + buf.position());
        if (r < 0) {
          break;
        }
        n += r;
      }
      if (n < SLOT) {
        continue;
      }
      buf.flip();
      long seq = buf.getLong();
      long pos = buf.getLong();
      int crc = buf.getInt();
      if (crc == checksum(seq, pos) && seq > bestSeq) {
        bestSeq = seq;
        best = pos;
      }
    }
    sequence = Math.max(0, bestSeq + 1);
    return best;
  }

  void write(long position) throws IOException {
    long seq = sequence++;
    buf.clear();
    buf.putLong(seq).putLong(position).putInt(checksum(seq, position)).putInt(0);
    buf.flip();
    long at = (seq & 1) * SLOT;
    while (buf.hasRemaining()) {
      at += channel.write(buf, at);
    }
  }

  private static int checksum(long seq, long pos) {
    CRC32C c = new CRC32C();
    ByteBuffer b = ByteBuffer.allocate(16).putLong(seq).putLong(pos);
    c.update(b.array());
    return (int) c.getValue();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
