package com.campaignengine.inbound.classify;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Jakarta Mail plumbing shared by the parsers: one property-less {@link Session}, a bounded
 * depth-first walk over MIME parts and lenient text extraction.
 */
final class MimeParts {

  /** Parsing needs no transport; a Session without properties is safe to share between threads. */
  private static final Session SESSION = Session.getInstance(new Properties());

  /** Real mail nests 3-4 levels; the limits stop hostile input from costing more. */
  private static final int MAX_DEPTH = 8;

  private static final int MAX_PARTS = 200;

  private MimeParts() {}

  static MimeMessage parse(byte[] raw) throws MessagingException {
    // A SharedInputStream lets parts point into the array instead of copying it.
    return new MimeMessage(SESSION, new SharedByteArrayInputStream(raw));
  }

  /**
   * The first part in document order (the root included) that {@code wanted} accepts. Only
   * multiparts are descended into: an attached message/rfc822 is someone else's message.
   *
   * @throws MessagingException when a multipart on the way cannot be parsed
   */
  static Optional<Part> find(Part root, Predicate<Part> wanted)
      throws MessagingException, IOException {
    return find(root, wanted, 0, new int[] {0});
  }

  private static Optional<Part> find(Part part, Predicate<Part> wanted, int depth, int[] visited)
      throws MessagingException, IOException {
    if (++visited[0] > MAX_PARTS || depth > MAX_DEPTH) {
      return Optional.empty();
    }
    if (wanted.test(part)) {
      return Optional.of(part);
    }
    if (!is(part, "multipart/*")) {
      return Optional.empty();
    }
    Multipart multipart = multipartOf(part);
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart child = multipart.getBodyPart(i);
      Optional<Part> found = find(child, wanted, depth + 1, visited);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Multipart multipartOf(Part part) throws MessagingException, IOException {
    if (part instanceof MimePart mimePart) {
      // Built directly so the result does not depend on which mailcap the class path offers.
      return new MimeMultipart(new MimePartDataSource(mimePart));
    }
    Object content = part.getContent();
    if (content instanceof Multipart multipart) {
      return multipart;
    }
    throw new MessagingException("multipart content is not a Multipart");
  }

  /** Whether the part has the MIME type; a malformed Content-Type is simply not a match. */
  static boolean is(Part part, String mimeType) {
    try {
      return part.isMimeType(mimeType);
    } catch (MessagingException | RuntimeException e) {
      return false;
    }
  }

  /** A text part meant for reading, not an attachment. */
  static boolean isInline(Part part, String mimeType) {
    if (!is(part, mimeType)) {
      return false;
    }
    try {
      return !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
    } catch (MessagingException | RuntimeException e) {
      return true;
    }
  }

  /**
   * The decoded text of a part, at most {@code maxBytes} of its content. Unknown charsets fall back
   * to UTF-8, and an undecodable transfer encoding to the raw bytes, because some text is better
   * than none for classification.
   */
  static String text(Part part, int maxBytes) throws MessagingException, IOException {
    Charset charset = charsetOf(part);
    try (InputStream in = part.getInputStream()) {
      return new String(in.readNBytes(maxBytes), charset);
    } catch (MessagingException | IOException e) {
      try (InputStream raw = rawStream(part)) {
        return new String(raw.readNBytes(maxBytes), charset);
      }
    }
  }

  private static InputStream rawStream(Part part) throws MessagingException, IOException {
    if (part instanceof MimeBodyPart bodyPart) {
      return bodyPart.getRawInputStream();
    }
    if (part instanceof MimeMessage message) {
      return message.getRawInputStream();
    }
    return InputStream.nullInputStream();
  }

  private static Charset charsetOf(Part part) {
    try {
      String type = part.getContentType();
      String name = type == null ? null : new ContentType(type).getParameter("charset");
      if (name != null && !name.isBlank()) {
        return Charset.forName(MimeUtility.javaCharset(name.trim()));
      }
    } catch (MessagingException | IllegalArgumentException e) {
      // Unknown or malformed charset: UTF-8 below reads most real-world mail correctly.
    }
    return StandardCharsets.UTF_8;
  }
}
