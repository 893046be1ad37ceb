package com.campaignengine.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * Text from the server (a campaign's name, a refused value echoed in an error) on its way to the
 * operator's terminal: a control character in it could move the cursor, clear the screen, set the
 * window title or worse. Every C0 control except tab and newline, DEL and every C1 control is shown
 * as its escape ({@code \u001b}) instead. One rule for every table, line and error the CLI prints.
 */
final class Terminal {
  private Terminal() {}

  /** The text with its control characters (but tab and newline) made visible. */
  static String safe(String text) {
    StringBuilder safe = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isControl(c)) {
        if (safe == null) {
          safe = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        safe.append(escape(c));
      } else if (safe != null) {
        safe.append(c);
      }
    }
    return safe == null ? text : safe.toString();
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f);
  }

  private static String escape(char c) {
    return String.format(Locale.ROOT, "\\u%04x", (int) c);
  }

  /**
   * For JSON output: JSON itself escapes C0 controls, but DEL and the C1 controls may stand raw in
   * a JSON string; these escapes write them as {@code \u009b} too.
   */
  static final class JsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    JsonEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch >= 0x80 && ch <= 0x9f ? new SerializedString(escape((char) ch)) : null;
    }
  }
}
