package com.campaignengine.inbound.imap;

import com.campaignengine.inbound.RawInbound;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Reads a message's RFC 5322 bytes, keeping at most {@link RawInbound#MAX_BYTES}. Stateless. */
final class RawBytes {

  private RawBytes() {}

  /**
   * The first {@code cap} bytes of the message. Angus streams a message in partial FETCHes, so
   * stopping at the cap also stops the download of a huge attachment.
   */
  static byte[] of(Message message, int cap) throws MessagingException, IOException {
    Capped out = new Capped(cap);
    try {
      message.writeTo(out);
    } catch (Full full) {
      // Expected for messages of cap bytes or more: keep what fits.
    }
    return out.bytes();
  }

  /** Thrown to stop writeTo; carries no stack trace since it is control flow, not an error. */
  private static final class Full extends IOException {
    Full() {
      super("cap reached");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  private static final class Capped extends OutputStream {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final int cap;

    Capped(int cap) {
      this.cap = cap;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int room = cap - buffer.size();
      buffer.write(b, off, Math.min(room, len));
      // Stop as soon as the cap is reached, before writeTo asks the server for the next block.
      if (buffer.size() >= cap) {
        throw new Full();
      }
    }

    byte[] bytes() {
      byte[] all = buffer.toByteArray();
      return all.length <= cap ? all : Arrays.copyOf(all, cap);
    }
  }
}
