package com.campaignengine.mail.smtp;

import jakarta.mail.MessagingException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * An SMTP server reply dug out of a jakarta.mail exception chain.
 *
 * @param code the reply code; {@code -1} when the server closed the connection or answered garbage
 * @param enhancedCode the RFC 3463 enhanced status code such as {@code "5.4.5"}, or {@code null}
 * @param text the reply as the server sent it, possibly several lines
 */
record SmtpReply(int code, String enhancedCode, String text) {

  private static final int MAX_LINE = 500;
  private static final Pattern LEADING_CODE = Pattern.compile("^(\\d{3})(?:[ -]|$)");
  // Angus reports a rejected greeting as "Got bad greeting from SMTP host: h, port: p, response: r"
  private static final Pattern GREETING = Pattern.compile("response: (\\d{3}(?:[ -].*)?)$");
  private static final Pattern ENHANCED =
      Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s|$)");
  private static final Pattern CONTINUATION_PREFIX =
      Pattern.compile("^\\d{3}[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s*)?");

  static SmtpReply of(int code, String text) {
    String t = text == null ? "" : text.strip();
    Matcher m = ENHANCED.matcher(t);
    return new SmtpReply(code, m.find() ? m.group(1) : null, t);
  }

  /**
   * The first reply in the chain: Angus' SMTP exceptions carry one, other {@link
   * MessagingException}s (EHLO, AUTH, greeting failures) carry it as their message text. A plain
   * {@code SendFailedException} wraps the per-recipient exception as its next exception.
   */
  static Optional<SmtpReply> find(Throwable top) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = top; t != null && seen.add(t); t = t.getCause()) {
      Optional<SmtpReply> reply = from(t);
      if (reply.isPresent()) {
        return reply;
      }
    }
    return Optional.empty();
  }

  private static Optional<SmtpReply> from(Throwable t) {
    if (t instanceof SMTPAddressFailedException e) {
      return Optional.of(of(e.getReturnCode(), e.getMessage()));
    }
    if (t instanceof SMTPSenderFailedException e) {
      return Optional.of(of(e.getReturnCode(), e.getMessage()));
    }
    if (t instanceof SMTPSendFailedException e) {
      return Optional.of(of(e.getReturnCode(), e.getMessage()));
    }
    if (t instanceof MessagingException && t.getMessage() != null) {
      String message = t.getMessage().strip();
      Matcher leading = LEADING_CODE.matcher(message);
      if (leading.find()) {
        return Optional.of(of(Integer.parseInt(leading.group(1)), message));
      }
      Matcher greeting = GREETING.matcher(message);
      if (greeting.find()) {
        String reply = greeting.group(1);
        return Optional.of(of(Integer.parseInt(reply.substring(0, 3)), reply));
      }
    }
    return Optional.empty();
  }

  /** Whether this is an actual reply rather than a lost connection. */
  boolean isReply() {
    return code >= 200 && code <= 599;
  }

  /**
   * The reply on one line for reasons and logs: continuation lines lose their repeated code prefix,
   * overlong replies are cut.
   */
  String line() {
    StringBuilder out = new StringBuilder();
    for (String part : text.split("\r?\n")) {
      String piece = out.length() == 0 ? part : CONTINUATION_PREFIX.matcher(part).replaceFirst("");
      if (!piece.isBlank()) {
        out.append(out.length() == 0 ? "" : " ").append(piece.strip());
      }
    }
    String line = out.length() == 0 ? "(empty reply, code " + code + ")" : out.toString();
    return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + "...";
  }
}
