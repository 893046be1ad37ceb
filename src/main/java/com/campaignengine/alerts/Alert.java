package com.campaignengine.alerts;

import java.util.Objects;

/**
 * A condition a rule finds true now. Its {@link #key} (rule + subject, e.g. {@code
 * campaign_error_rate:campaign=12}) identifies it across evaluations and nodes.
 *
 * @param rule the rule's name, e.g. {@code mailbox_disconnected}
 * @param subject what it is about, e.g. {@code mailbox=3}
 * @param message one line for a person
 * @param campaignId the campaign it concerns, or null
 * @param mailboxId the mailbox it concerns, or null
 * @param pausesCampaign whether firing it pauses {@code campaignId} ({@code auto_pause_on_spike})
 */
public record Alert(
    String rule,
    String subject,
    String message,
    Long campaignId,
    Long mailboxId,
    boolean pausesCampaign) {

  public Alert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    if (pausesCampaign && campaignId == null) {
      throw new IllegalArgumentException("only a campaign alert can pause a campaign");
    }
  }

  public String key() {
    return rule + ":" + subject;
  }

  static Alert forCampaign(String rule, long campaignId, String message, boolean pause) {
    return new Alert(rule, "campaign=" + campaignId, message, campaignId, null, pause);
  }

  /** {@code what} follows the mailbox's name: {@code Mailbox a@x.example (id 3) <what>}. */
  static Alert forMailbox(String rule, long mailboxId, String email, String what) {
    String message = "Mailbox " + email + " (id " + mailboxId + ") " + what;
    return new Alert(rule, "mailbox=" + mailboxId, message, null, mailboxId, false);
  }

  static Alert forWorkspace(String rule, long workspaceId, String message) {
    return new Alert(rule, "workspace=" + workspaceId, message, null, null, false);
  }
}
