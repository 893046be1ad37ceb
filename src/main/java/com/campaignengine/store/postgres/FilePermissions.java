package com.campaignengine.store.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Owners and modes of files, and files only their owner may read. */
final class FilePermissions {
  private FilePermissions() {}

  /** The numeric owner of {@code path} ({@code /proc/self}: this process's user). */
  static int uid(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:uid");
  }

  /** The full mode bits of {@code path}, including set-id and sticky bits. */
  static int mode(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:mode") & 07777;
  }

  /**
   * Writes {@code text} to a new file beside {@code file} that only its owner can read, and returns
   * it: the caller renames it into place once what it says is true.
   */
  static Path ownerOnlyTemp(Path file, String text) throws IOException {
    Path temp =
        Files.createTempFile(
            file.toAbsolutePath().getParent(),
            "." + file.getFileName(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, text);
    return temp;
  }
}
