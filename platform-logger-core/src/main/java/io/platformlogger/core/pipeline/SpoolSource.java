package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.Failures;
import io.platformlogger.core.spool.Spool;
import io.platformlogger.core.spool.SpoolReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One sink's side of the spool: reads its next batch from its own {@link SpoolReader} (from a
 * cache of what was just spooled when that is the reader's next record, from disk otherwise),
 * decodes it, drops what is below the sink's level or older than {@code spool.max-age}, reports
 * corrupt regions, and saves the reader's position once a batch is settled.
 *
 * <p>Invariant: {@link #committed()} only moves forward, to the end of a batch whose every entry
 * is settled, so that entries not delivered by shutdown or a crash are read again after the next
 * start. Once reading fails, the source is {@linkplain #broken() broken}: nothing more is read or
 * awaited this run, and what is left is delivered after a restart.
 *
 * <p>Threading: {@link #remember} on the dispatcher thread; {@link #end}, {@link #reached} and
 * {@link #bytesLeft} on any thread; everything else on the sink worker's thread.
 */
final class SpoolSource {
  private final Spool spool;
  private final SpoolReader reader;
  private final Level minLevel;
  private final long maxAgeMillis;
  private final int tailCapacity;
  private final SinkCounters counters;
  /** Entries just spooled, with their positions, read from here when they are next. Guarded by itself. */
  private final ArrayDeque<Spooled> tail = new ArrayDeque<>();
  private volatile boolean broken;
  /** The position saved after the last settled batch. */
  private volatile long committed;
  /** Corrupt regions reported so far. Worker thread only. */
  private long seenCorrupt;

  SpoolSource(Spool spool, SpoolReader reader, Level minLevel, long maxAgeMillis, int tailCapacity, SinkCounters counters) {
    this.spool = spool;
    this.reader = reader;
    this.minLevel = minLevel;
    this.maxAgeMillis = maxAgeMillis;
    this.tailCapacity = tailCapacity;
    this.counters = counters;
    this.committed = reader.committed();
  }

  /** A batch read from the spool; {@code position}: the reader's position after it. */
  record Read(List<LogEntry> entries, long position) {}

  private record Spooled(LogEntry entry, long start, long end) {}

  /**
   * The dispatcher spooled {@code batch[i]} at {@code starts[i]} to {@code ends[i]} (start -1: not
   * spooled). Kept in memory up to the backlog capacity, so that a sink keeping up takes them from
   * here and only a sink that fell behind reads them back from disk.
   */
  void remember(List<LogEntry> batch, long[] starts, long[] ends) {
    synchronized (tail) {
      for (int i = 0; i < batch.size(); i++) {
        if (starts[i] >= 0 && tail.size() < tailCapacity) {
          tail.add(new Spooled(batch.get(i), starts[i], ends[i]));
        }
      }
    }
  }

  /** Whether records wait to be read. */
  boolean pending() {
    return !broken && reader.position() < spool.end();
  }

  boolean broken() {
    return broken;
  }

  /** The spool's end now: what a barrier taken now waits for. */
  long end() {
    return spool.end();
  }

  /** Whether everything up to {@code position} is settled (or can no longer be). */
  boolean reached(long position) {
    return broken || committed >= position;
  }

  long committed() {
    return committed;
  }

  /** Spool bytes this sink has still to deliver. */
  long bytesLeft() {
    return spool.bytesAfter(committed);
  }

  /**
   * Reads up to {@code max} entries for the sink. Entries below its level are passed over, those
   * older than the max age shed; a read failure breaks the source (reported once) and returns
   * what was read before it.
   */
  Read read(int max, long nowMillis) {
    List<LogEntry> batch = new ArrayList<>();
    try {
      while (batch.size() < max) {
        LogEntry e = fromTail();
        if (e == null) {
          byte[] record = reader.next();
          if (record == null) {
            break;
          }
          try {
            e = LogEntryJson.decode(record);
            EntryInternals.keepJson(e, record); // our own encoding of e: a JSON sink sends it as is
          } catch (RuntimeException undecodable) {
            counters.reason("spool_corrupt", 1); // an intact checksum over bytes that are not an entry
            continue;
          }
        }
        if (!e.level().isAtLeast(minLevel)) {
          continue;
        }
        counters.enqueued();
        counters.readFromSpool(reader.lastWasReplay());
        if (maxAgeMillis > 0 && nowMillis - e.timestamp().toEpochMilli() > maxAgeMillis) {
          counters.shed(e.level(), "spool_max_age");
          continue;
        }
        batch.add(e);
      }
    } catch (IOException | RuntimeException readFailure) {
      broken = true;
      counters.report("cannot read the spool (" + Failures.describe(readFailure)
          + "); what is left there is delivered after a restart");
    }
    long corrupt = reader.corruptRegions();
    if (corrupt != seenCorrupt) {
      counters.reason("spool_corrupt", corrupt - seenCorrupt);
      counters.report("skipped " + (corrupt - seenCorrupt) + " corrupt or torn region(s) in the spool ("
          + reader.corruptBytes() + " bytes so far); the records after them are delivered");
      seenCorrupt = corrupt;
    }
    return new Read(batch, reader.position());
  }

  /** The next record from memory when it is the reader's next one; drops what the reader has passed. */
  private LogEntry fromTail() {
    synchronized (tail) {
      Spooled s;
      while ((s = tail.peek()) != null) {
        if (reader.skip(s.start, s.end)) {
          tail.poll();
          return s.entry;
        }
        if (s.end <= reader.position()) {
          tail.poll(); // read from disk already
          continue;
        }
        return null; // an earlier record comes first: from disk
      }
      return null;
    }
  }

  /** Saves {@code position}, the end of a settled batch; a failure is reported, not thrown. */
  void commit(long position) {
    try {
      reader.commit(position);
    } catch (IOException | RuntimeException e) {
      if (!broken) {
        counters.report("cannot save its spool position (" + Failures.describe(e)
            + "); after a restart it may receive some entries again");
      }
    }
    committed = position;
  }

  /** Shutdown timed out: what is left stays in the spool for the next start; reported. */
  void keptForNextStart() {
    long left = bytesLeft();
    counters.leftInSpool(left);
    counters.report("did not finish by the shutdown deadline; " + left
        + " bytes of its entries stay in the spool and are delivered after the next start");
  }

  /** The worker was given up on: counts what is left (not lost: delivered after the next start). */
  void abandoned() {
    if (!broken) {
      counters.leftInSpool(bytesLeft());
    }
  }
}
