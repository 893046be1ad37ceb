package com.campaignengine.campaign;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Lifecycle of an enrollment (a person in a campaign), with its one transition table. */
public enum EnrollmentStatus {
  ACTIVE,
  PAUSED,
  COMPLETED,
  REPLIED,
  BOUNCED,
  UNSUBSCRIBED,
  STOPPED,
  FAILED,
  /**
   * A row a host application inserted that broke a rule (its skip reason says which): never run.
   */
  SKIPPED;

  private static final Set<EnrollmentStatus> ENDINGS =
      EnumSet.of(REPLIED, BOUNCED, UNSUBSCRIBED, STOPPED);

  private static final Map<EnrollmentStatus, Set<EnrollmentStatus>> TRANSITIONS =
      Map.of(
          ACTIVE, EnumSet.of(PAUSED, COMPLETED, REPLIED, BOUNCED, UNSUBSCRIBED, STOPPED, FAILED),
          PAUSED, EnumSet.of(ACTIVE, REPLIED, BOUNCED, UNSUBSCRIBED, STOPPED),
          // A failed enrollment comes back when its dead execution is retried.
          FAILED, EnumSet.of(ACTIVE, REPLIED, BOUNCED, UNSUBSCRIBED, STOPPED),
          COMPLETED, EnumSet.of(REPLIED, BOUNCED, UNSUBSCRIBED),
          REPLIED, EnumSet.noneOf(EnrollmentStatus.class),
          BOUNCED, EnumSet.noneOf(EnrollmentStatus.class),
          UNSUBSCRIBED, EnumSet.noneOf(EnrollmentStatus.class),
          STOPPED, EnumSet.noneOf(EnrollmentStatus.class),
          SKIPPED, EnumSet.noneOf(EnrollmentStatus.class));

  /** Whether no step will ever run again for this enrollment (short of a retry of a failure). */
  public boolean isFinished() {
    return this == COMPLETED || this == SKIPPED || ENDINGS.contains(this);
  }

  public boolean canMoveTo(EnrollmentStatus next) {
    return TRANSITIONS.get(this).contains(next);
  }

  public EnrollmentStatus moveTo(EnrollmentStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalTransitionException("Enrollment", this, next);
    }
    return next;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EnrollmentStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
