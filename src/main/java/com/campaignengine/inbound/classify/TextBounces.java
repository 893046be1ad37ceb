package com.campaignengine.inbound.classify;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Best-effort reading of bounces that are not RFC 3464 reports: plain text from MAILER-DAEMON or
 * postmaster ("550 5.1.1 &lt;a@b&gt;: User unknown"). Only such senders are considered, and only
 * when the text holds an SMTP reply code, so a person quoting an error message is never a bounce.
 */
final class TextBounces {

  private static final int MAX_TEXT = 64 * 1024;
  private static final Pattern DAEMON =
      Pattern.compile("^(?:mailer-daemon|mailer_daemon|mailerdaemon|postmaster)@.*");

  /** "550 5.1.1", "550-5.1.1", "#5.1.1", or a bare enhanced code. */
  private static final Pattern ENHANCED =
      Pattern.compile(
          "(?<![\\d.])(?:[45]\\d\\d[ -]#?|#)?([45]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.]*\\d)");

  /** A basic reply code followed by words: "550 Requested action not taken". */
  private static final Pattern BASIC =
      Pattern.compile("(?<![\\d.])([45])(?:[0-5]\\d)(?:[ -])(?=[<#a-zA-Z])");

  /**
   * A warning that delivery is only delayed, the server still trying: "Warning: message … delayed
   * 24 hours" (Exim), "Delivery Status Notification (Delay)", "Delivery incomplete", "Message not
   * delivered yet", "Delivery attempts will continue".
   */
  private static final Pattern DELAYED =
      Pattern.compile(
          "(?i)\\bdelay(?:ed)?\\b|\\bdelivery incomplete\\b|\\bnot (?:been )?delivered yet\\b"
              + "|\\bnot yet been delivered\\b|\\bwill (?:retry|keep trying|continue (?:to try|trying))\\b"
              + "|\\battempts will continue\\b");

  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern MESSAGE_ID =
      Pattern.compile("(?im)^\\s*message-id:\\s*(<[^<>\\s]+>)");

  private TextBounces() {}

  static Optional<Bounce> parse(InboundMessage m, MimeMessage mime) {
    String from = Texts.nullToEmpty(m.fromAddress()).toLowerCase(Locale.ROOT);
    if (from.isEmpty()) {
      from = InboundParser.addressOf(m.headers().get("from")).orElse("");
    }
    if (!DAEMON.matcher(from).matches()) {
      return Optional.empty();
    }
    String text = text(m, mime);
    String status;
    int at;
    Matcher enhanced = ENHANCED.matcher(text);
    Matcher basic = BASIC.matcher(text);
    if (enhanced.find()) {
      status = enhanced.group(1);
      at = enhanced.start();
    } else if (basic.find()) {
      status = basic.group(1) + ".0.0";
      at = basic.start();
    } else {
      return Optional.empty();
    }
    String line = lineAt(text, at);
    String recipient = firstAddress(line, from);
    if (recipient.isEmpty()) {
      recipient = failedRecipientHeader(m);
    }
    if (recipient.isEmpty()) {
      recipient = firstAddress(text, from);
    }
    String diagnostic = line.length() > 300 ? line.substring(0, 300) : line;
    boolean hard = status.startsWith("5");
    // Only a temporary failure can be a mere delay warning; a permanent one stays hard.
    boolean delayed =
        !hard
            && (DELAYED.matcher(Texts.nullToEmpty(m.subject())).find()
                || DELAYED.matcher(text).find());
    return Optional.of(
        new Bounce(recipient, status, hard, diagnostic, originalIdFallback(m, mime), delayed));
  }

  /** The first address of X-Failed-Recipients (Exim, Gmail), lower-case, or "". */
  static String failedRecipientHeader(InboundMessage m) {
    String value = m.headers().get("x-failed-recipients");
    return value == null ? "" : firstAddress(value, "");
  }

  /** A "Message-ID:" line quoted in the text, else the report's own In-Reply-To. */
  static Optional<String> originalIdFallback(InboundMessage m, MimeMessage mime) {
    Matcher id = MESSAGE_ID.matcher(text(m, mime));
    if (id.find()) {
      return Optional.of(id.group(1));
    }
    return m.inReplyTo().stream().findFirst();
  }

  private static String text(InboundMessage m, MimeMessage mime) {
    String body = Texts.nullToEmpty(m.textBody());
    if (!body.isBlank() || mime == null) {
      return body.length() > MAX_TEXT ? body.substring(0, MAX_TEXT) : body;
    }
    try {
      Optional<Part> part = MimeParts.find(mime, p -> MimeParts.isInline(p, "text/plain"));
      return part.isPresent() ? MimeParts.text(part.get(), MAX_TEXT) : "";
    } catch (MessagingException | IOException | RuntimeException e) {
      return "";
    }
  }

  private static String lineAt(String text, int index) {
    int start = text.lastIndexOf('\n', index) + 1;
    int end = text.indexOf('\n', index);
    return text.substring(start, end < 0 ? text.length() : end).strip();
  }

  private static String firstAddress(String text, String except) {
    Matcher m = ADDRESS.matcher(text);
    while (m.find()) {
      String address = m.group().toLowerCase(Locale.ROOT);
      if (!address.equals(except)) {
        return address;
      }
    }
    return "";
  }
}
