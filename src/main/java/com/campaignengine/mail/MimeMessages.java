package com.campaignengine.mail;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

/**
 * Renders an {@link OutgoingMessage} as RFC 5322 bytes (CRLF line endings) with jakarta.mail.
 *
 * <p>Stateless and thread-safe: each call builds its own {@link MimeMessage}; the shared {@link
 * Session} has no properties and is never used to connect anywhere.
 */
public final class MimeMessages {

  private static final Session SESSION = Session.getInstance(new Properties());
  private static final String UTF_8 = "UTF-8";

  // Always UTC with a numeric zone: the bytes do not depend on the host's time zone.
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  private MimeMessages() {}

  /**
   * The complete message: Message-ID, Date, From, To, Subject (RFC 2047 when not ASCII),
   * In-Reply-To/References when set, extra headers, MIME-Version, and a text/plain body or a
   * multipart/alternative of text/plain then text/html, both UTF-8.
   *
   * @throws IllegalArgumentException if jakarta.mail cannot represent the message (e.g. an address
   *     it refuses); retrying would not help
   */
  public static byte[] toRfc5322(OutgoingMessage m) {
    try {
      MimeMessage mime = new FixedIdMimeMessage(m.messageId());
      mime.setHeader("Date", DATE.format(m.date()));
      mime.setFrom(internet(m.from()));
      mime.setRecipient(RecipientType.TO, internet(m.to()));
      mime.setSubject(m.subject(), UTF_8);
      if (m.threading().inReplyTo() != null) {
        mime.setHeader("In-Reply-To", m.threading().inReplyTo());
      }
      if (!m.threading().references().isEmpty()) {
        mime.setHeader(
            "References", MimeUtility.fold(12, String.join(" ", m.threading().references())));
      }
      for (var header : m.extraHeaders().entrySet()) {
        String value = MimeUtility.encodeText(header.getValue(), UTF_8, null);
        mime.addHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2, value));
      }
      if (m.body().html() == null) {
        setText(mime, m.body().text(), "plain");
      } else {
        mime.setContent(alternative(m.body().text(), m.body().html()));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
      mime.writeTo(out);
      return out.toByteArray();
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalArgumentException(
          "message " + m.messageId() + " cannot be encoded: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
  }

  private static InternetAddress internet(Address a) throws UnsupportedEncodingException {
    return new InternetAddress(a.email(), a.displayName(), UTF_8);
  }

  private static MimeMultipart alternative(String text, String html) throws MessagingException {
    MimeMultipart multipart = new MimeMultipart("alternative");
    MimeBodyPart plain = new MimeBodyPart();
    setText(plain, text, "plain");
    MimeBodyPart rich = new MimeBodyPart();
    setText(rich, html, "html");
    multipart.addBodyPart(plain);
    multipart.addBodyPart(rich);
    return multipart;
  }

  private static void setText(MimePart part, String body, String subtype)
      throws MessagingException {
    String crlf = body.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    part.setText(crlf, UTF_8, subtype);
    // Chosen explicitly: 7bit is only legal for ASCII with short lines, and quoted-printable keeps
    // the rest readable in .eml files where jakarta.mail might otherwise pick base64.
    part.setHeader("Content-Transfer-Encoding", sevenBitSafe(crlf) ? "7bit" : "quoted-printable");
  }

  private static boolean sevenBitSafe(String crlfText) {
    int lineLength = 0;
    for (int i = 0; i < crlfText.length(); i++) {
      char c = crlfText.charAt(i);
      if (c >= 0x80 || c == 0) {
        return false;
      }
      lineLength = c == '\n' ? 0 : lineLength + 1;
      if (lineLength > 998) {
        return false;
      }
    }
    return true;
  }

  /**
   * jakarta.mail would generate a random Message-ID on save; ours must survive for reconciliation.
   */
  private static final class FixedIdMimeMessage extends MimeMessage {
    private final String messageId;

    FixedIdMimeMessage(String messageId) {
      super(SESSION);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
