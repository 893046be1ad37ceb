package com.campaignengine.alerts;

/** How a notice reads for people: one line for chat and logs, a subject and body for email. */
public final class AlertTexts {
  private AlertTexts() {}

  /** {@code [FIRING] campaign_error_rate campaign=12: …} or {@code [RESOLVED] …}. */
  public static String line(AlertRecord alert) {
    return "["
        + alert.status().name()
        + "] "
        + alert.rule()
        + " "
        + alert.subject()
        + ": "
        + (alert.firing() ? alert.message() : "resolved (was: " + alert.message() + ")");
  }

  /** The email subject, on one line whatever the alert key holds. */
  public static String subject(AlertRecord alert) {
    String subject =
        "[campaign-engine] " + (alert.firing() ? "Alert: " : "Resolved: ") + alert.key();
    return subject.replaceAll("[\\r\\n]", " ");
  }

  /** The plain-text email body: the line, then the alert's facts and where to see more. */
  public static String body(AlertRecord alert) {
    return line(alert)
        + "\n\nworkspace: "
        + alert.workspaceId()
        + "\nrule: "
        + alert.rule()
        + "\nsubject: "
        + alert.subject()
        + "\nfired at: "
        + alert.firedAt()
        + (alert.firing() ? "" : "\nresolved at: " + alert.resolvedAt())
        + "\n\nGET /api/v1/alerts lists the workspace's alerts.\n";
  }
}
