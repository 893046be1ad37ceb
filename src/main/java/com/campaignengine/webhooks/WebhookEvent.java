package com.campaignengine.webhooks;

import java.util.Optional;

/**
 * The events a subscription can ask for, with their wire names ({@code noun.verb}, Standard
 * Webhooks style). The database triggers of migrations V013 and V033 emit exactly these names.
 */
public enum WebhookEvent {
  /** An email was handed to the provider and recorded as sent. */
  EMAIL_SENT("email.sent"),
  /** The open pixel of an email was fetched (may be a machine: see {@code likely_machine}). */
  EMAIL_OPENED("email.opened"),
  /** A tracked link of an email was followed. */
  EMAIL_CLICKED("email.clicked"),
  /** A reply (or an automatic reply, see {@code classification}) to an email was recorded. */
  EMAIL_REPLIED("email.replied"),
  /** A bounce (hard or soft, see {@code hard}) of an email was recorded. */
  EMAIL_BOUNCED("email.bounced"),
  /** A person unsubscribed or complained; their address is suppressed in the workspace. */
  LEAD_UNSUBSCRIBED("lead.unsubscribed"),
  /** An enrollment left active or paused for a final status. */
  ENROLLMENT_FINISHED("enrollment.finished"),
  /** A task step opened a task for a person (migration V033). */
  TASK_CREATED("task.created"),
  /** A task was completed or skipped by a person, or expired (see {@code status}). */
  TASK_CLOSED("task.closed");

  private final String wireName;

  WebhookEvent(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<WebhookEvent> fromWire(String value) {
    for (WebhookEvent event : values()) {
      if (event.wireName.equals(value)) {
        return Optional.of(event);
      }
    }
    return Optional.empty();
  }
}
