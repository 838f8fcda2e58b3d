package io.platformlogger.location;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and atomically replaces class files on disk. Stateless. */
final class ClassFiles {
  private ClassFiles() {}

  /** Rewrites {@code file} in place if it has calls to rewrite; returns what happened. */
  static ClassRewriter.Result rewrite(Path file) throws IOException {
    ClassRewriter.Result result = ClassRewriter.rewrite(Files.readAllBytes(file));
    if (result.changed()) {
      // Write beside it and move over it, so a reader (or a crash) never sees half a class file.
      Path tmp = file.resolveSibling(file.getFileName() + ".location-tmp");
      Files.write(tmp, result.bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return result;
  }
}
