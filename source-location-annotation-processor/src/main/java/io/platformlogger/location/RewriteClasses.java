package io.platformlogger.location;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The standalone mode, for builds where the processor cannot run (Eclipse's ecj, IDE builds):
 * rewrites every class file under the given directories in place, like the processor does.
 * Safe to run again (rewritten classes are marked). Usage:
 * {@code java -cp platform-logger-location-processor.jar io.platformlogger.location.RewriteClasses target/classes},
 * or from a Maven build with {@code exec-maven-plugin}'s {@code java} goal (docs/source-location.md).
 * {@link #main} returns normally when done (classes it had to skip are listed) and throws on bad
 * usage or an I/O error, after printing what to change. Runs on the calling thread.
 */
public final class RewriteClasses {
  private RewriteClasses() {}

  /**
   * Rewrites the classes under each directory in {@code args}.
   *
   * @throws IllegalStateException on bad usage or an I/O error (the reason is printed first)
   */
  public static void main(String[] args) {
    // No System.exit: exec:java runs this inside Maven's JVM, which System.exit would end without
    // a build result. An exception fails that build; from a shell the exit status is 1.
    if (run(args, System.out, System.err) != 0) {
      throw new IllegalStateException("source locations: RewriteClasses failed, see the message above");
    }
  }

  /** Runs over {@code dirs}; returns 0 when done, 2 on bad usage or an I/O error. */
  static int run(String[] dirs, PrintStream out, PrintStream err) {
    if (dirs.length == 0) {
      err.println("usage: RewriteClasses <classes directory>... (for example target/classes)");
      return 2;
    }
    int classes = 0;
    int calls = 0;
    for (String dir : dirs) {
      Path root = Path.of(dir);
      if (!Files.isDirectory(root)) {
        err.println(dir + " is not a directory; pass the compiler's output directory, such as target/classes");
        return 2;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(p -> p.toString().endsWith(".class")).sorted().collect(Collectors.toList());
      } catch (IOException e) {
        err.println("cannot list " + dir + ": " + e);
        return 2;
      }
      for (Path file : files) {
        try {
          ClassRewriter.Result r = ClassFiles.rewrite(file);
          if (r.changed()) {
            classes++;
            calls += r.calls;
          } else if (r.skipped != null) {
            err.println("skipped " + root.relativize(file) + ": " + r.skipped);
          }
        } catch (IOException e) {
          err.println("cannot rewrite " + file + ": " + e);
          return 2;
        }
      }
    }
    out.println("source locations: " + calls + " calls in " + classes + " classes rewritten");
    return 0;
  }
}
