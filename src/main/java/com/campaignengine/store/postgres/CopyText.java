package com.campaignengine.store.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Rows for {@code COPY … FROM STDIN} in PostgreSQL's text format, buffered and sent in large
 * writes: columns separated by tabs, rows ended by a newline, {@code \N} for null, and a backslash,
 * tab, newline or carriage return inside a value escaped with a backslash (nothing else needs it).
 * Values never hold NUL: PostgreSQL's text cannot store it, and callers refuse it first.
 */
final class CopyText {
  private static final int BUFFER = 1 << 16;

  private final CopyIn copy;
  private final byte[] buffer = new byte[BUFFER];
  private int size;
  private boolean firstColumn = true;

  CopyText(CopyIn copy) {
    this.copy = copy;
  }

  CopyText number(long value) throws SQLException {
    separate();
    return ascii(Long.toString(value));
  }

  CopyText text(String value) throws SQLException {
    separate();
    if (value == null) {
      return ascii("\\N");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        return escaped(value.substring(i).getBytes(StandardCharsets.UTF_8));
      }
      put(c);
    }
    return this;
  }

  /** Ends the row. */
  void endRow() throws SQLException {
    put((byte) '\n');
    firstColumn = true;
  }

  /** Sends what is buffered and ends the COPY; returns the rows PostgreSQL took. */
  long finish() throws SQLException {
    flush();
    return copy.endCopy();
  }

  private void separate() throws SQLException {
    if (!firstColumn) {
      put((byte) '\t');
    }
    firstColumn = false;
  }

  /** Characters that need no escaping: digits, {@code \\N}. */
  private CopyText ascii(String value) throws SQLException {
    for (int i = 0; i < value.length(); i++) {
      put((byte) value.charAt(i));
    }
    return this;
  }

  /** UTF-8 never uses an ASCII byte inside a multi-byte sequence: escaping bytes is safe. */
  private CopyText escaped(byte[] utf8) throws SQLException {
    for (byte b : utf8) {
      put((char) (b & 0xff));
    }
    return this;
  }

  /** One byte of a value (an ASCII character or a byte of UTF-8), escaped where it must be. */
  private void put(char c) throws SQLException {
    switch (c) {
      case '\\' -> escape('\\');
      case '\t' -> escape('t');
      case '\n' -> escape('n');
      case '\r' -> escape('r');
      default -> put((byte) c);
    }
  }

  private void escape(char letter) throws SQLException {
    put((byte) '\\');
    put((byte) letter);
  }

  private void put(byte b) throws SQLException {
    if (size == buffer.length) {
      flush();
    }
    buffer[size++] = b;
  }

  private void flush() throws SQLException {
    if (size > 0) {
      copy.writeToCopy(buffer, 0, size);
      size = 0;
    }
  }
}
