package com.campaignengine.mail.outbox;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.MimeMessages;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every message as {@code <dir>/<file-safe Message-ID>.eml} instead of sending it: for
 * development, demos and pick-up by an external relay.
 *
 * <p>Each file is written to a temp file in the same directory, forced to disk and then renamed
 * atomically, so an .eml file is either complete or absent, even after a crash. That is what makes
 * {@link #lookup} reliable. Sending the same Message-ID twice replaces the file (idempotent).
 *
 * <p>Files are created readable by the owner only on POSIX systems (they hold personal data).
 *
 * <p>Thread-safe: calls share no mutable state; concurrent writers use distinct temp files. A crash
 * mid-write can leave a hidden {@code .outbox-*.tmp} file behind; it is never mistaken for a
 * delivery, and the next transport on the directory (the node's next start) deletes it.
 */
public final class OutboxTransport implements MailTransport {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxTransport.class);

  private final Path dir;

  /**
   * @param dir the outbox directory, created (with parents) if missing
   * @throws UncheckedIOException if the directory cannot be created
   */
  public OutboxTransport(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
    try {
      Files.createDirectories(this.dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create outbox directory " + this.dir, e);
    }
    deleteLeftovers();
  }

  /**
   * Deletes the temp files a crash left mid-write: they were never renamed into place, so no
   * delivery depends on them. Runs when a node opens the outbox, before it writes anything (the
   * node owns its data directory, so no other writer is at work).
   */
  private void deleteLeftovers() {
    int deleted = 0;
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, ".outbox-*.tmp")) {
      for (Path leftover : leftovers) {
        if (Files.deleteIfExists(leftover)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      LOG.warn("could not clean the outbox {} of leftover temp files: {}", dir, e.toString());
    }
    if (deleted > 0) {
      LOG.info("outbox: deleted {} temp files left by an earlier crash", deleted);
    }
  }

  /** The outbox directory. */
  public Path directory() {
    return dir;
  }

  @Override
  public SendResult send(OutgoingMessage message) {
    String fileName = EmlFileNames.of(message.messageId());
    byte[] bytes;
    try {
      bytes = MimeMessages.toRfc5322(message);
    } catch (IllegalArgumentException e) {
      return new SendResult.PermanentFailure(e.getMessage());
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, ".outbox-", ".tmp");
      writeDurably(tmp, bytes);
      Files.move(tmp, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
      syncDirectory();
      LOG.debug("outbox wrote {} ({} bytes)", fileName, bytes.length);
      return new SendResult.Sent(fileName);
    } catch (IOException e) {
      LOG.warn("outbox could not write {}: {}", fileName, e.toString());
      deleteQuietly(tmp);
      return new SendResult.RetryableFailure("outbox write failed: " + e, null);
    }
  }

  /**
   * {@link Delivery#DELIVERED} if the .eml file exists, otherwise {@link Delivery#NOT_DELIVERED}.
   */
  @Override
  public Delivery lookup(String messageId) {
    return Files.exists(dir.resolve(EmlFileNames.of(messageId)))
        ? Delivery.DELIVERED
        : Delivery.NOT_DELIVERED;
  }

  @Override
  public String name() {
    return "outbox";
  }

  private static void writeDurably(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  // Makes the rename itself survive a power loss. Best effort: some platforms cannot open a
  // directory; the rename is atomic regardless, which is all a process crash needs.
  private void syncDirectory() {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.trace("outbox directory sync not supported: {}", e.toString());
    }
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      LOG.debug("could not delete temp file {}: {}", tmp.getFileName(), e.toString());
    }
  }
}
