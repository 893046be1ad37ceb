package com.campaignengine.inbound.classify;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link InboundMessage} from raw RFC 5322 bytes (IMAP fetch, .eml file, provider
 * webhook).
 *
 * <p>Bad content never throws: mail from the internet is often malformed and one unreadable message
 * must not stop a mailbox poll, so whatever could be read is returned. Headers are the first value
 * of each name, unfolded, under lower-case names; only the subject is RFC 2047-decoded. The text
 * body is the first inline text/plain part, else the first text/html part without tags, at most
 * {@value #MAX_BODY_CHARS} characters; raw is kept up to {@value #MAX_RAW_BYTES} bytes (and only
 * that prefix is parsed, which bounds the work on huge messages). A missing From, Subject or body
 * gives "" rather than null. Stateless and thread-safe.
 */
public final class InboundParser {

  /** 1 MiB: enough for every header block and the text of any real reply. */
  public static final int MAX_RAW_BYTES = 1 << 20;

  /** 64 Ki characters of body text. */
  public static final int MAX_BODY_CHARS = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(InboundParser.class);
  private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:@]+@[^\\s<>\"(),;:@]+");
  private static final int MAX_HEADERS = 500;

  private InboundParser() {}

  /**
   * Parses one message.
   *
   * @throws IllegalArgumentException if an argument is null
   */
  public static InboundMessage parse(String sourceId, byte[] raw, Instant receivedAt) {
    if (sourceId == null || raw == null || receivedAt == null) {
      throw new IllegalArgumentException("sourceId, raw and receivedAt are required");
    }
    byte[] kept = Arrays.copyOf(raw, Math.min(raw.length, MAX_RAW_BYTES));
    Map<String, String> headers = new LinkedHashMap<>();
    String body = "";
    try {
      MimeMessage message = MimeParts.parse(kept);
      readHeaders(message, headers);
      body = bodyOf(message, sourceId);
    } catch (MessagingException | RuntimeException e) {
      LOG.debug("Unreadable message {}: {}", sourceId, e.getClass().getSimpleName());
    }
    return new InboundMessage(
        sourceId,
        MessageIdHeaders.parseIdList(headers.get("message-id")).stream().findFirst().orElse(null),
        MessageIdHeaders.parseIdList(headers.get("in-reply-to")),
        MessageIdHeaders.parseIdList(headers.get("references")),
        addressOf(headers.get("from")).or(() -> addressOf(headers.get("sender"))).orElse(""),
        headers.getOrDefault("subject", ""),
        receivedAt,
        headers,
        body,
        kept);
  }

  private static void readHeaders(MimeMessage message, Map<String, String> headers)
      throws MessagingException {
    Enumeration<Header> all = message.getAllHeaders();
    while (all.hasMoreElements() && headers.size() < MAX_HEADERS) {
      Header header = all.nextElement();
      String name = header.getName() == null ? "" : header.getName().trim();
      if (header.getValue() == null || !FIELD_NAME.matcher(name).matches()) {
        continue;
      }
      name = name.toLowerCase(Locale.ROOT);
      String value = Texts.utf8IfPossible(MimeUtility.unfold(header.getValue()).trim());
      headers.putIfAbsent(name, name.equals("subject") ? decoded(value) : value);
    }
  }

  private static String decoded(String value) {
    try {
      return MimeUtility.decodeText(value);
    } catch (UnsupportedEncodingException | RuntimeException e) {
      // An unknown charset in an encoded-word: the encoded form still beats nothing.
      return value;
    }
  }

  private static String bodyOf(MimeMessage message, String sourceId) {
    try {
      Optional<Part> plain = MimeParts.find(message, p -> MimeParts.isInline(p, "text/plain"));
      if (plain.isPresent()) {
        return cap(MimeParts.text(plain.get(), MAX_RAW_BYTES));
      }
      Optional<Part> html = MimeParts.find(message, p -> MimeParts.isInline(p, "text/html"));
      return html.isPresent() ? cap(HtmlText.strip(MimeParts.text(html.get(), MAX_RAW_BYTES))) : "";
    } catch (MessagingException | IOException | RuntimeException e) {
      LOG.debug("Unreadable MIME body in {}: {}", sourceId, e.getClass().getSimpleName());
      // Broken structure (say, a multipart without its boundary): the raw body still has words.
      try (InputStream raw = message.getRawInputStream()) {
        return cap(new String(raw.readNBytes(MAX_RAW_BYTES), StandardCharsets.UTF_8));
      } catch (MessagingException | IOException | RuntimeException again) {
        return "";
      }
    }
  }

  private static String cap(String text) {
    String trimmed = text.strip();
    return trimmed.length() <= MAX_BODY_CHARS ? trimmed : trimmed.substring(0, MAX_BODY_CHARS);
  }

  /** The first address of an address header, lower-case, without display name. */
  static Optional<String> addressOf(String headerValue) {
    if (headerValue == null || headerValue.isBlank()) {
      return Optional.empty();
    }
    try {
      for (InternetAddress address : InternetAddress.parseHeader(headerValue, false)) {
        if (address.getAddress() != null && address.getAddress().contains("@")) {
          return Optional.of(address.getAddress().trim().toLowerCase(Locale.ROOT));
        }
      }
    } catch (AddressException | RuntimeException e) {
      // Unparseable list: fall through to the first thing that looks like an address.
    }
    Matcher m = ADDRESS.matcher(headerValue);
    return m.find() ? Optional.of(m.group().toLowerCase(Locale.ROOT)) : Optional.empty();
  }
}
