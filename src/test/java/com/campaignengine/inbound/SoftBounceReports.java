package com.campaignengine.inbound;

/**
 * RFC 3464 delivery reports of a temporary failure, as a receiving server's MTA sends them back to
 * the sender: the recipient's mailbox is full (4.2.2).
 */
final class SoftBounceReports {
  private SoftBounceReports() {}

  /** The sending server gave up ({@code Action: failed}): a soft bounce. */
  static String failed(String reportId, String sender, String recipient, String originalId) {
    return report(reportId, sender, recipient, originalId, "failed");
  }

  /** The sending server still tries ({@code Action: delayed}): the email may yet arrive. */
  static String delayed(String reportId, String sender, String recipient, String originalId) {
    return report(reportId, sender, recipient, originalId, "delayed");
  }

  private static String report(
      String reportId, String sender, String recipient, String originalId, String action) {
    String domain = recipient.substring(recipient.indexOf('@') + 1);
    return """
        From: Mail Delivery System <MAILER-DAEMON@mx.%2$s>
        To: %3$s
        Subject: Undelivered Mail Returned to Sender
        Auto-Submitted: auto-replied
        Message-ID: <%1$s@mx.%2$s>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B"

        --B
        Content-Type: text/plain

        The recipient's mailbox is full.
        --B
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.%2$s

        Final-Recipient: rfc822; %4$s
        Action: %6$s
        Status: 4.2.2
        Diagnostic-Code: smtp; 452 4.2.2 Mailbox full

        --B
        Content-Type: text/rfc822-headers

        Message-ID: %5$s
        From: %3$s
        To: %4$s
        Subject: hello

        --B--
        """
        .formatted(reportId, domain, sender, recipient, originalId, action);
  }
}
