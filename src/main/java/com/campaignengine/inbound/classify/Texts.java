package com.campaignengine.inbound.classify;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text normalisation shared by the classifiers. */
final class Texts {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0\\u2007\\u202F]+");
  private static final Pattern QUOTE_HEADER =
      Pattern.compile(
          "^(?:-{2,} ?(?:original message|ursprungliche nachricht|message d'origine"
              + "|mensaje original|oorspronkelijk bericht|mensagem original|messaggio originale)"
              + "|_{10,}"
              + "|(?:on|am|le|el|op|em|il) .{1,200} (?:wrote|schrieb|a ecrit|escribio|schreef"
              + "|escreveu|ha scritto)\\b.{0,80}:"
              + "|(?:from|von|de|van|da|sent|gesendet|envoye|enviado|verzonden|inviato): .*)$");

  private Texts() {}

  /**
   * Lower-case, accents removed (so "Büro" matches "buro" and "março" matches "marco"), ß as ss,
   * typographic apostrophes as ', runs of spaces as one, line breaks as \n. Patterns are written
   * against this form so one spelling covers mail with and without accents.
   */
  static String fold(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    String n = Normalizer.normalize(s, Normalizer.Form.NFD);
    n = MARKS.matcher(n).replaceAll("").toLowerCase(Locale.ROOT).replace("ß", "ss");
    n =
        n.replace('\u2019', '\'')
            .replace('\u2018', '\'')
            .replace('`', '\'')
            .replace('\u00B4', '\'');
    n = n.replace("\r\n", "\n").replace('\r', '\n');
    return SPACES.matcher(n).replaceAll(" ");
  }

  /**
   * The author's own words at the top of a folded body: quoted lines ("> ...") are skipped and the
   * text stops at the first quoted-original header, so dates in the quoted campaign email are not
   * mistaken for a return date. At most {@code max} characters.
   */
  static String head(String folded, int max) {
    StringBuilder out = new StringBuilder(Math.min(max, folded.length()));
    for (String line : folded.split("\n", -1)) {
      String trimmed = line.strip();
      if (QUOTE_HEADER.matcher(trimmed).matches()) {
        break;
      }
      if (trimmed.startsWith(">")) {
        continue;
      }
      out.append(trimmed).append('\n');
      if (out.length() >= max) {
        break;
      }
    }
    return out.length() > max ? out.substring(0, max) : out.toString();
  }

  /**
   * Header bytes that are UTF-8 (RFC 6532) arrive as ISO-8859-1 characters from a Session without
   * {@code mail.mime.allowutf8}; re-decodes them when they form valid UTF-8, else returns {@code
   * s}.
   */
  static String utf8IfPossible(String s) {
    boolean high = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xFF) {
        return s;
      }
      high |= c > 0x7F;
    }
    if (!high) {
      return s;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      return s;
    }
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
