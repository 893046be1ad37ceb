package com.campaignengine.node;

import com.campaignengine.failure.StartupException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * Claims a data directory for this process: an OS lock on {@code <dir>/campaign-engine.lock}, which
 * also holds this process's id so a second engine can say who has it. The operating system drops
 * the lock when the process dies, however it dies, so a lock never outlives its engine and there is
 * nothing stale to clean up.
 *
 * <p>Within one JVM the claim is shared: the command line takes it before it checks its ports, the
 * node again when it opens, and the lock is released when the last holder closes.
 */
public final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "campaign-engine.lock";

  /** The locks this JVM holds, by directory, with how many holders each has. */
  private static final Map<Path, Held> HELD = new HashMap<>();

  private final Path dir;
  private boolean closed;

  private DataDirectoryLock(Path dir) {
    this.dir = dir;
  }

  /**
   * Claims {@code dataDir} (created if missing, mode 700).
   *
   * @throws StartupException if another process holds it: "another campaign-engine (pid N) is using
   *     DIR"
   */
  public static DataDirectoryLock acquire(Path dataDir) {
    Path dir;
    try {
      if (!Files.exists(dataDir)) {
        // It will hold the database's password, the API key and people's emails: the owner's.
        Files.createDirectories(
            dataDir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      dir = dataDir.toRealPath();
    } catch (IOException e) {
      throw new StartupException("cannot use the data directory " + dataDir + ": " + e, e);
    }
    synchronized (HELD) {
      Held held = HELD.get(dir);
      if (held == null) {
        HELD.put(dir, lock(dir));
      } else {
        held.holders++;
      }
    }
    return new DataDirectoryLock(dir);
  }

  private static Held lock(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new StartupException(
            "another campaign-engine ("
                + (holder.isEmpty() ? "another process" : "pid " + holder)
                + ") is using "
                + dir);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + System.lineSeparator())
                  .getBytes(StandardCharsets.US_ASCII)),
          0);
      return new Held(channel);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StartupException("cannot lock the data directory " + dir + ": " + e, e);
    }
  }

  /** The pid the holder wrote, or empty if it has not written it yet. */
  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    return text.strip().matches("[0-9]{1,19}") ? text.strip() : "";
  }

  /** The directory claimed. */
  public Path directory() {
    return dir;
  }

  /** Gives up this claim; the lock goes when the last claim in this JVM does. */
  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      Held held = HELD.get(dir);
      if (held != null && --held.holders == 0) {
        HELD.remove(dir);
        closeQuietly(held.channel); // closing the channel releases its lock
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }

  private static final class Held {
    final FileChannel channel;
    int holders = 1;

    Held(FileChannel channel) {
      this.channel = channel;
    }
  }
}
