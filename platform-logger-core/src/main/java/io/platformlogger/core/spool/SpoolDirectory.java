package io.platformlogger.core.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.Set;

/**
 * Makes the spool directory private and refuses one that is not: the spool holds every entry
 * logged, so on POSIX file systems the directory is created {@code 0700} and its files {@code
 * 0600}; an existing directory owned by another user or writable by others, or a lock, segment or
 * cursor file that is a symbolic link, is refused (the pipeline then runs memory-only and says
 * why), and files are opened without following links. Elsewhere (Windows) the directory's ACLs
 * are left to the operator. Stateless; called when the spool opens.
 */
final class SpoolDirectory {
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private SpoolDirectory() {}

  /**
   * Creates {@code dir} ({@code 0700}) if missing, or checks the existing one and the spool files
   * in it.
   *
   * @throws SpoolUnavailableException naming the directory, what is wrong and what to change
   */
  static void prepare(Path dir) throws SpoolUnavailableException {
    boolean posix = isPosix(dir);
    try {
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
          Files.createDirectories(dir);
        }
        return; // new: made by this process, empty
      }
    } catch (IOException e) {
      throw new SpoolUnavailableException(
          "cannot create spool directory " + dir + " (" + e + "); set spool.dir to a writable directory"
              + " or spool.enabled=false", e);
    }
    try {
      if (posix) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw refused(dir, "is writable by every user (" + PosixFilePermissions.toString(perms)
              + "), who could read or plant entries: chmod 700 it or set spool.dir to a private directory");
        }
        UserPrincipal me = Identity.CURRENT;
        UserPrincipal owner = Files.getOwner(dir);
        if (me != null && !me.equals(owner)) {
          throw refused(dir, "is owned by " + owner.getName() + ", not by " + me.getName()
              + " who runs this process: give each process user a spool.dir of its own");
        }
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path p : ds) {
          String name = p.getFileName().toString();
          boolean spoolFile = name.equals(Spool.LOCK_FILE) || Segments.parse(name) > 0
              || (name.startsWith("cursor-") && name.endsWith(".pos"));
          if (spoolFile && Files.isSymbolicLink(p)) {
            throw refused(dir, "holds " + name + " as a symbolic link (to " + Files.readSymbolicLink(p)
                + "), which the spool never follows: remove it or set spool.dir to another directory");
          }
        }
      }
    } catch (IOException e) {
      throw new SpoolUnavailableException(
          "cannot check spool directory " + dir + " (" + e + "); set spool.dir to a readable, private"
              + " directory or spool.enabled=false", e);
    }
  }

  /**
   * Opens a spool file without following a symbolic link, created {@code 0600} when new (on POSIX).
   */
  static FileChannel open(Path file, OpenOption... options) throws IOException {
    OpenOption[] all = Arrays.copyOf(options, options.length + 1);
    all[options.length] = LinkOption.NOFOLLOW_LINKS;
    Set<OpenOption> set = Set.of(all);
    if (isPosix(file)) {
      return FileChannel.open(file, set, PosixFilePermissions.asFileAttribute(FILE));
    }
    return FileChannel.open(file, set, new FileAttribute<?>[0]);
  }

  /** A new segment: must not exist yet. */
  static FileChannel create(Path file) throws IOException {
    return open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  private static boolean isPosix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static SpoolUnavailableException refused(Path dir, String why) {
    return new SpoolUnavailableException("refusing spool directory " + dir + ": it " + why, null);
  }

  /** Who runs this process: the owner of a file it creates (user.name may not be a real user). */
  private static final class Identity {
    static final UserPrincipal CURRENT = find();

    private static UserPrincipal find() {
      try {
        Path probe = Files.createTempFile("platform-logger-owner", ".tmp");
        try {
          return Files.getOwner(probe);
        } finally {
          Files.deleteIfExists(probe);
        }
      } catch (IOException | RuntimeException e) {
        return null; // no way to tell: the ownership check is skipped, the others still apply
      }
    }
  }
}
