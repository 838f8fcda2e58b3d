package io.platformlogger.core.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One spool record: a 4-byte marker, the payload length, a CRC-32C of length and payload, then
 * the payload (an entry's UTF-8 JSON). The marker starts with 0xF1 0x0C, which never occurs in
 * valid UTF-8, so after a corrupt region a reader can find the next record by scanning for it and
 * checking the checksum. Stateless.
 */
final class RecordFormat {
  static final int MAGIC = 0xF10C5F01;
  static final int HEADER = 12;
  /** Larger lengths are corruption: no entry the pipeline builds comes near it. */
  static final int MAX_PAYLOAD = 512 << 20;

  private RecordFormat() {}

  static int checksum(int length, byte[] payload, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(length >>> 24);
    crc.update(length >>> 16);
    crc.update(length >>> 8);
    crc.update(length);
    crc.update(payload, off, len);
    return (int) crc.getValue();
  }

  static void writeHeader(ByteBuffer out, byte[] payload, int len) {
    out.putInt(MAGIC);
    out.putInt(len);
    out.putInt(checksum(len, payload, 0, len));
  }
}
