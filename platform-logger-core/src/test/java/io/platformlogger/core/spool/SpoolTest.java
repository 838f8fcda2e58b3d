package io.platformlogger.core.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's files on their own: records, segments, readers, cursors, locking and damage. */
class SpoolTest {
  private static final long MAX = 64L << 20;

  @TempDir Path dir;

  private static byte[] record(int i) {
    return ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 50) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> readAll(SpoolReader r) throws IOException {
    List<String> out = new ArrayList<>();
    byte[] b;
    while ((b = r.next()) != null) {
      out.add(new String(b, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<String> expected(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(new String(record(i), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void append(Spool s, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      s.append(record(i));
    }
    s.publish();
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }

  @Test
  void readsBackEveryRecordInOrderAcrossSegments() throws Exception {
    try (Spool s = Spool.open(dir, MAX, 64 << 10)) {
      SpoolReader r = s.reader("sink");
      append(s, 0, 5000);
      assertThat(segments().size()).isGreaterThan(3);
      assertThat(readAll(r)).isEqualTo(expected(0, 5000));
      assertThat(r.hasMore()).isFalse();
      append(s, 5000, 5010);
      assertThat(readAll(r)).isEqualTo(expected(5000, 5010));
      assertThat(r.corruptRegions()).isZero();
    }
  }

  @Test
  void aReaderResumesFromItsSavedPositionInTheNextRun() throws Exception {
    try (Spool s = Spool.open(dir, MAX, 64 << 10)) {
      SpoolReader r = s.reader("sink");
      append(s, 0, 100);
      for (int i = 0; i < 40; i++) {
        r.next();
      }
      r.commit(r.position());
      r.next(); // read but never committed: delivered again next time
    }
    try (Spool s = Spool.open(dir, MAX, 64 << 10)) {
      SpoolReader r = s.reader("sink");
      append(s, 100, 110);
      List<String> got = readAll(r);
      assertThat(got).isEqualTo(expected(40, 110));
    }
  }

  @Test
  void eachSinkHasItsOwnPosition() throws Exception {
    try (Spool s = Spool.open(dir, MAX, 64 << 10)) {
      SpoolReader fast = s.reader("fast");
      SpoolReader slow = s.reader("slow");
      append(s, 0, 10);
      assertThat(readAll(fast)).isEqualTo(expected(0, 10));
      assertThat(slow.next()).isEqualTo(record(0));
      assertThat(readAll(slow)).isEqualTo(expected(1, 10));
    }
  }

  @Test
  void deletesASegmentOnlyOnceEveryReaderHasPassedIt() throws Exception {
    try (Spool s = Spool.open(dir, MAX, 64 << 10)) {
      SpoolReader a = s.reader("a");
      SpoolReader b = s.reader("b");
      append(s, 0, 3000);
      int before = segments().size();
      readAll(a);
      a.commit(a.position());
      assertThat(segments()).hasSize(before);
      readAll(b);
      b.commit(b.position());
      assertThat(segments().size()).isLessThanOrEqualTo(2);
      long onDisk = 0;
      for (Path p : segments()) {
        onDisk += Files.size(p);
      }
      assertThat(s.bytes()).isEqualTo(onDisk);
      assertThat(s.bytesAfter(a.committed())).isZero();
    }
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefusedWithWhatToChange() throws Exception {
    try (Spool s = Spool.open(dir, MAX, 64 << 10)) {
      assertThatThrownBy(() -> Spool.open(dir, MAX, 64 << 10))
          .isInstanceOf(SpoolUnavailableException.class)
          .hasMessageContaining(dir.toAbsolutePath().toString())
          .hasMessageContaining("in use by another process")
          .hasMessageContaining("spool.dir");
    }
    Spool.open(dir, MAX, 64 << 10).close(); // released on close
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsRefusedWithWhatToChange() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    assertThatThrownBy(() -> Spool.open(file.resolve("spool"), MAX, 64 << 10))
        .isInstanceOf(SpoolUnavailableException.class)
        .hasMessageContaining("cannot create spool directory")
        .hasMessageContaining("set spool.dir to a writable directory");
  }

  @Test
  void aTornTailLeftByACrashIsSkippedAndCounted() throws Exception {
    try (Spool s = Spool.open(dir, MAX, 64 << 20)) {
      append(s, 0, 100);
    }
    Path seg = segments().get(0);
    long size = Files.size(seg);
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.setLength(size - 7); // the last record loses its end
    }
    try (Spool s = Spool.open(dir, MAX, 64 << 20)) {
      SpoolReader r = s.reader("sink");
      append(s, 100, 105);
      assertThat(readAll(r)).isEqualTo(concat(expected(0, 99), expected(100, 105)));
      assertThat(r.corruptRegions()).isEqualTo(1);
    }
  }

  @Test
  void flippedBytesCostOnlyTheDamagedRecord() throws Exception {
    long[] offsets = new long[101];
    try (Spool s = Spool.open(dir, MAX, 64 << 20)) {
      SpoolReader r = s.reader("probe");
      for (int i = 0; i < 100; i++) {
        s.append(record(i));
        s.publish();
        offsets[i + 1] = s.end() & 0xFFFF_FFFFL;
      }
    }
    Path seg = segments().get(0);
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.seek(offsets[30] + 15); // inside record 30's payload
      f.write(f.read() ^ 0x5A);
      f.seek(offsets[60] + 5); // record 60's length field
      f.write(0x7F);
    }
    try (Spool s = Spool.open(dir, MAX, 64 << 20)) {
      SpoolReader r = s.reader("sink");
      List<String> want = new ArrayList<>(expected(0, 100));
      want.remove(60);
      want.remove(30);
      assertThat(readAll(r)).isEqualTo(want);
      assertThat(r.corruptRegions()).isEqualTo(2);
    }
  }

  @Test
  void aSegmentCutShortOrFilledWithGarbageNeverStopsLaterSegments() throws Exception {
    try (Spool s = Spool.open(dir, MAX, 64 << 10)) {
      append(s, 0, 3000);
    }
    List<Path> segs = segments();
    assertThat(segs.size()).isGreaterThan(2);
    Files.write(segs.get(0), new byte[] {1, 2, 3}); // a first segment that is almost nothing
    try (RandomAccessFile f = new RandomAccessFile(segs.get(1).toFile(), "rw")) {
      f.seek(0);
      f.write(new byte[4096]); // zeros over the first records of the second
    }
    try (Spool s = Spool.open(dir, MAX, 64 << 10)) {
      SpoolReader r = s.reader("sink");
      List<String> got = readAll(r);
      assertThat(r.corruptRegions()).isEqualTo(2);
      assertThat(got).isNotEmpty();
      // Everything in the third segment onwards is intact and in order.
      List<String> all = expected(0, 3000);
      assertThat(all).endsWith(got.subList(got.size() - 500, got.size()).toArray(String[]::new));
      assertThat(got).isSubsetOf(all).doesNotHaveDuplicates();
    }
  }

  @Test
  void resynchronizingPastACraftedSegmentOfFakeHeadersIsLinearInItsSize() throws Exception {
    // 4 MiB of record headers, one every 12 bytes, each claiming to run to the end of the segment
    // with a wrong checksum, then one real record: checking every header's claim would read
    // 350 000 × 2 MiB on average; a sink was held for minutes.
    int crafted = 4 << 20;
    byte[] real = "{\"n\":\"after the garbage\"}".getBytes(StandardCharsets.UTF_8);
    ByteBuffer segment = ByteBuffer.allocate(crafted + RecordFormat.HEADER + real.length);
    for (int at = 0; at + RecordFormat.HEADER <= crafted; at += RecordFormat.HEADER) {
      segment.putInt(at, RecordFormat.MAGIC).putInt(at + 4, segment.capacity() - at - RecordFormat.HEADER).putInt(at + 8, 0);
    }
    segment.position(crafted);
    RecordFormat.writeHeader(segment, real, real.length);
    segment.put(real);
    Files.write(dir.resolve(Segments.fileName(1)), segment.array());

    try (Spool s = Spool.open(dir, MAX, 64 << 10)) {
      SpoolReader r = s.reader("sink");
      assertThat(r.next()).isEqualTo(real);
      assertThat(r.corruptRegions()).isEqualTo(1);
      assertThat(r.resyncWork()).as("bytes scanned and checksummed").isLessThan(8L * segment.capacity());
      assertThat(r.next()).isNull();
    }
  }

  @Test
  void aDamagedCursorFileStartsOverRatherThanSkipping() throws Exception {
    try (Spool s = Spool.open(dir, MAX, 64 << 20)) {
      SpoolReader r = s.reader("sink");
      append(s, 0, 10);
      readAll(r);
      r.commit(r.position());
    }
    Files.write(dir.resolve("cursor-sink.pos"), new byte[48]);
    try (Spool s = Spool.open(dir, MAX, 64 << 20)) {
      assertThat(readAll(s.reader("sink"))).isEqualTo(expected(0, 10));
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
