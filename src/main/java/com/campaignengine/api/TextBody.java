package com.campaignengine.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request body read as UTF-8 text while it arrives, never held whole: the refusals of {@link
 * Bodies#text} are made as the reading reaches them. More than {@code limit} bytes is a 413 (the
 * rest discarded, up to a bound, so the client reads the answer); bytes that are not UTF-8 are a
 * 400, and so is a NUL character; a leading byte-order mark is dropped. They are thrown as {@link
 * ApiException}s, unchecked, so that they pass through a parser reading this unchanged.
 *
 * <p>{@link #close} discards what the reader left unread (up to the same bound): a handler that
 * refuses a body part way through still lets the client read its answer.
 */
final class TextBody extends Reader {
  private final Limited bytes;
  private final Reader text;
  private boolean started;

  TextBody(InputStream body, long limit) {
    this.bytes = new Limited(body, limit);
    this.text =
        new InputStreamReader(
            bytes,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n;
    do {
      n = decode(buffer, offset, length);
      if (!started && n > 0) {
        started = true;
        if (buffer[offset] == '\uFEFF') {
          System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
          n--;
        }
      }
    } while (n == 0 && length > 0);
    for (int i = offset; i < offset + n; i++) {
      if (buffer[i] == '\u0000') {
        throw ApiException.badRequest("body", "the body contains a NUL character");
      }
    }
    return n;
  }

  private int decode(char[] buffer, int offset, int length) throws IOException {
    try {
      return text.read(buffer, offset, length);
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("body", "the body is not valid UTF-8 text");
    }
  }

  @Override
  public void close() throws IOException {
    bytes.discardRest();
  }

  /** Counts the bytes; one past the limit is a 413. */
  private static final class Limited extends FilterInputStream {
    private final long limit;
    private long read;
    private boolean discarded;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, (int) Math.min(length, limit - read + 1));
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) throws IOException {
      read += n;
      if (read > limit) {
        discardRest();
        throw ApiException.tooLarge(limit);
      }
    }

    /** Once: reads and drops what is left, up to {@link Bodies#DISCARD_LIMIT}. */
    void discardRest() throws IOException {
      if (!discarded) {
        discarded = true;
        Bodies.discard(in);
      }
    }
  }
}
