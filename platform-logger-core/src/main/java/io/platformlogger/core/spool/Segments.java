package io.platformlogger.core.spool;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segment file names and spool positions. A position is one long: the segment number in the high
 * 32 bits and the byte offset inside it in the low 32, so positions compare in spool order.
 * Stateless.
 */
final class Segments {
  private static final Pattern NAME = Pattern.compile("(\\d{10})\\.seg");

  private Segments() {}

  static String fileName(int segment) {
    return String.format("%010d.seg", segment);
  }

  static Path file(Path dir, int segment) {
    return dir.resolve(fileName(segment));
  }

  /** The segment number of a segment file name, or -1 for any other file. */
  static int parse(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    return n > 0 && n < Integer.MAX_VALUE ? (int) n : -1;
  }

  static long position(int segment, long offset) {
    return ((long) segment << 32) | (offset & 0xFFFF_FFFFL);
  }

  static int segment(long position) {
    return (int) (position >>> 32);
  }

  static long offset(long position) {
    return position & 0xFFFF_FFFFL;
  }
}
