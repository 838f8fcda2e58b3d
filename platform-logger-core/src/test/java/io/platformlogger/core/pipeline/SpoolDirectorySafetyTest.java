package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spool holds every entry logged: its directory is private, and one that is not (another
 * user's, writable by all, a spool file planted as a symbolic link) is refused, never followed;
 * the pipeline then runs in memory, counts it and says why.
 */
class SpoolDirectorySafetyTest {
  @TempDir Path tmp;
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();

  private LogPipeline start(Path spool, RecordingSink sink) {
    return pipelines.start(PlatformLoggerConfig.builder().service("safety").consoleEnabled(false)
        .shutdownHook(false).spoolEnabled(true).spoolDir(spool), sink);
  }

  /** Logs one entry and checks it arrived; returns the spool's state. */
  private String logThrough(Path spool) {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = start(spool, sink);
    PlatformLogger.on(p, "safety").info("hello");
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(sink.messages()).containsExactly("hello");
    return p.stats().spool().state();
  }

  private void assertRefused(Path spool, String why) {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = start(spool, sink);
    PlatformLogger.on(p, "safety").info("still delivered");
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(sink.messages()).containsExactly("still delivered");
    assertThat(p.stats().spool().state()).startsWith("memory-only: refusing spool directory").contains(why);
    assertThat(p.stats().spool().failures()).isEqualTo(1);
    assertThat(pipelines.fallback()).contains("refusing spool directory " + spool.toAbsolutePath()).contains(why);
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aNewSpoolDirectoryIsPrivateAndEveryFileInItOwnerOnly() throws Exception {
    Path spool = tmp.resolve("new/spool");
    assertThat(logThrough(spool)).isEqualTo("on");
    assertThat(perms(spool)).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(spool)) {
      List<Path> all = files.toList();
      assertThat(all).extracting(f -> f.getFileName().toString())
          .contains("spool.lock").anyMatch(n -> n.endsWith(".seg")).anyMatch(n -> n.startsWith("cursor-"));
      for (Path f : all) {
        assertThat(perms(f)).as(f.toString()).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void aDirectoryWritableByEveryUserIsRefused() throws Exception {
    Path spool = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertRefused(spool, "writable by every user");
    try (Stream<Path> files = Files.list(spool)) {
      assertThat(files).as("nothing written into it").isEmpty();
    }
  }

  @Test
  void aDirectoryOwnedByAnotherUserIsRefused() throws Exception {
    Path spool = Files.createDirectory(tmp.resolve("theirs"));
    Path someoneElses;
    try {
      UserPrincipal nobody = spool.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(spool, nobody); // CI runs as root, which may give a directory away
      someoneElses = spool;
    } catch (FileSystemException notRoot) {
      someoneElses = Path.of("/"); // a directory root owns, which an ordinary user did not create
    }
    assertRefused(someoneElses, "is owned by ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"spool.lock", "0000000001.seg", "cursor-rec.pos"})
  void aSpoolFileThatIsASymbolicLinkIsRefusedAndItsTargetLeftAlone(String name) throws Exception {
    Path spool = Files.createDirectory(tmp.resolve("linked"));
    Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwx------"));
    Path target = Files.writeString(tmp.resolve("precious.txt"), "keep me");
    Files.createSymbolicLink(spool.resolve(name), target);
    assertRefused(spool, "holds " + name + " as a symbolic link");
    assertThat(Files.readString(target)).isEqualTo("keep me");
  }
}
