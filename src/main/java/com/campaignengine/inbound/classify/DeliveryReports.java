package com.campaignengine.inbound.classify;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads bounces: RFC 3464 delivery status notifications (multipart/report with a
 * message/delivery-status part, RFC 6533's message/global-delivery-status too), and, as a
 * best-effort fallback, the plain-text bounces some servers still send (see {@link TextBounces}).
 *
 * <p>Of several recipients in one report the first whose Action is "failed" is taken, else the
 * first "delayed"; a report of only delivered/relayed/expanded recipients is not a bounce. Status
 * comes from the Status field (else from Diagnostic-Code, else 5.0.0 / 4.0.0 by action). The
 * original Message-ID comes from the message/rfc822 or text/rfc822-headers part, else from a
 * "Message-ID:" line in the text, else from the report's own In-Reply-To. Malformed input never
 * throws: the result is empty and the reason is logged at DEBUG. Stateless and thread-safe.
 */
public final class DeliveryReports {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryReports.class);
  private static final int MAX_REPORT_BYTES = 256 * 1024;

  private DeliveryReports() {}

  /**
   * The bounce this message reports, or empty when it is not a bounce.
   *
   * @throws IllegalArgumentException if {@code m} is null
   */
  public static Optional<Bounce> parse(InboundMessage m) {
    if (m == null) {
      throw new IllegalArgumentException("message is required");
    }
    MimeMessage mime = null;
    if (m.raw() != null && m.raw().length > 0) {
      try {
        mime = MimeParts.parse(m.raw());
        Optional<Part> report =
            MimeParts.find(
                mime,
                p ->
                    MimeParts.is(p, "message/delivery-status")
                        || MimeParts.is(p, "message/global-delivery-status"));
        if (report.isPresent()) {
          // A standard report is authoritative, also when it reports no failure.
          return fromReport(m, mime, report.get());
        }
      } catch (MessagingException | IOException | RuntimeException e) {
        LOG.debug("Unreadable delivery report {}: {}", m.sourceId(), e.getClass().getSimpleName());
      }
    }
    try {
      return TextBounces.parse(m, mime);
    } catch (RuntimeException e) {
      LOG.debug("Unreadable text bounce {}: {}", m.sourceId(), e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private static Optional<Bounce> fromReport(InboundMessage m, MimeMessage mime, Part report)
      throws MessagingException, IOException {
    List<Map<String, String>> groups = DsnFields.groups(MimeParts.text(report, MAX_REPORT_BYTES));
    Optional<Map<String, String>> failed = withAction(groups, "failed");
    Optional<Map<String, String>> chosen = failed.or(() -> withAction(groups, "delayed"));
    if (chosen.isEmpty()) {
      LOG.debug("Delivery report {} names no failed or delayed recipient", m.sourceId());
      return Optional.empty();
    }
    Map<String, String> fields = chosen.get();
    boolean delayed = failed.isEmpty();
    String status =
        DsnFields.status(fields.get("status"))
            .or(() -> DsnFields.status(fields.get("diagnostic-code")))
            .orElse(delayed ? "4.0.0" : "5.0.0");
    String recipient = DsnFields.address(fields.get("final-recipient"));
    if (recipient.isEmpty()) {
      recipient = DsnFields.address(fields.get("original-recipient"));
    }
    if (recipient.isEmpty()) {
      recipient = TextBounces.failedRecipientHeader(m);
    }
    Optional<String> original = originalId(mime).or(() -> TextBounces.originalIdFallback(m, mime));
    return Optional.of(
        new Bounce(
            recipient,
            status,
            status.startsWith("5") && !delayed,
            DsnFields.diagnostic(fields.get("diagnostic-code")),
            original,
            delayed));
  }

  private static Optional<Map<String, String>> withAction(
      List<Map<String, String>> groups, String action) {
    return groups.stream().filter(g -> action.equals(DsnFields.action(g))).findFirst();
  }

  private static Optional<String> originalId(MimeMessage mime) {
    try {
      Optional<Part> original =
          MimeParts.find(
              mime,
              p ->
                  MimeParts.is(p, "message/rfc822")
                      || MimeParts.is(p, "text/rfc822-headers")
                      || MimeParts.is(p, "message/global")
                      || MimeParts.is(p, "message/global-headers"));
      if (original.isEmpty()) {
        return Optional.empty();
      }
      try (InputStream in = original.get().getInputStream()) {
        String value = new InternetHeaders(in).getHeader("Message-ID", null);
        return MessageIdHeaders.parseIdList(value).stream().findFirst();
      }
    } catch (MessagingException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
