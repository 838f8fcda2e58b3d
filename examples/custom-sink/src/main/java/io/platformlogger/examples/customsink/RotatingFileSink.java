package io.platformlogger.examples.customsink;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A user-written sink: newline-delimited JSON files that rotate by size and keep a bounded number
 * of files — {@code <prefix>-000001.ndjson}, {@code <prefix>-000002.ndjson}, ... in one directory.
 * The highest number is the file being written; when it would grow past {@code maxBytes} the next
 * number is started and the oldest files beyond {@code maxFiles} are deleted. An entry is never
 * split across files, so one entry larger than {@code maxBytes} gets a file of its own.
 *
 * <p>After a restart the sink appends to the highest-numbered file it finds. Not idempotent: a
 * batch retried after a partial write is appended again (the pipeline's documented at-least-once
 * case). Thread-safe: every method synchronizes on the sink.
 */
public final class RotatingFileSink implements LogSink {
  private static final String SUFFIX = ".ndjson";

  private final Path directory;
  private final String prefix;
  private final long maxBytes;
  private final int maxFiles;
  private final Pattern fileName;

  // Opened on the first write, on the sink's thread: construction never touches the disk.
  private FileChannel active;
  private long activeNumber;
  private long activeSize;
  private boolean closed;

  /**
   * @param directory where the files live; created on the first write
   * @param prefix file-name prefix, letters, digits, {@code -} and {@code _}
   * @param maxBytes size at which a file is rotated, at least 1
   * @param maxFiles files kept (the active one included), at least 1
   */
  public RotatingFileSink(Path directory, String prefix, long maxBytes, int maxFiles) {
    if (!prefix.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("prefix '" + prefix + "' may use only letters, digits, - and _");
    }
    if (maxBytes < 1 || maxFiles < 1) {
      throw new IllegalArgumentException("maxBytes and maxFiles must be at least 1");
    }
    this.directory = directory;
    this.prefix = prefix;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    this.fileName = Pattern.compile(Pattern.quote(prefix) + "-(\\d{6,})" + Pattern.quote(SUFFIX));
  }

  @Override
  public String name() {
    return "rotating-file";
  }

  @Override
  public synchronized void write(List<LogEntry> batch) throws IOException, LogSinkException {
    if (closed) {
      throw new IllegalStateException("sink closed");
    }
    // Encode first: an entry that cannot be encoded fails the batch before any byte is written,
    // and the pipeline isolates that entry instead of retrying.
    List<byte[]> lines = new ArrayList<>(batch.size());
    for (LogEntry entry : batch) {
      try {
        byte[] json = LogEntryJson.encodeBytes(entry);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        lines.add(line);
      } catch (RuntimeException e) {
        throw LogSinkException.permanent("cannot encode entry " + entry.id(), e);
      }
    }
    if (active == null) {
      openNewest();
    }
    for (byte[] line : lines) {
      if (activeSize > 0 && activeSize + line.length > maxBytes) {
        rotate();
      }
      ByteBuffer bytes = ByteBuffer.wrap(line);
      while (bytes.hasRemaining()) {
        activeSize += active.write(bytes); // an IOException is retryable: the batch comes again
      }
    }
  }

  /** The files of this sink, oldest first. */
  public synchronized List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (Stream<Path> list = Files.list(directory)) {
      list.filter(p -> fileName.matcher(p.getFileName().toString()).matches())
          .sorted((a, b) -> Long.compare(number(a), number(b)))
          .forEach(files::add);
    }
    return files;
  }

  @Override
  public synchronized void flush() throws IOException {
    if (active != null && !closed) {
      active.force(false);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (active != null) {
      active.force(false);
      active.close();
    }
  }

  private void openNewest() throws IOException {
    Files.createDirectories(directory);
    List<Path> existing = files();
    activeNumber = existing.isEmpty() ? 1 : number(existing.get(existing.size() - 1));
    open();
  }

  private void rotate() throws IOException {
    active.force(false);
    active.close();
    activeNumber++;
    open();
    List<Path> files = files();
    for (int i = 0; i < files.size() - maxFiles; i++) {
      Files.deleteIfExists(files.get(i));
    }
  }

  private void open() throws IOException {
    Path file = directory.resolve(String.format("%s-%06d%s", prefix, activeNumber, SUFFIX));
    active =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    activeSize = active.size();
  }

  private long number(Path file) {
    Matcher m = fileName.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }
}
