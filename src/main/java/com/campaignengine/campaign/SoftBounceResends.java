package com.campaignengine.campaign;

import java.time.Duration;

/**
 * What a soft bounce (a temporary failure the sending server gave up on, e.g. a full mailbox) does
 * to the sequence: the bounced email step is sent again {@code after} the bounce, at most {@code
 * max} times per step and enrollment, before the sequence goes on. A zero delay or count turns it
 * off (the bounce is only recorded). A server setting ({@code serve --soft-bounce-resend-after},
 * {@code --soft-bounce-resends}).
 */
public record SoftBounceResends(Duration after, int max) {
  public static final Duration DEFAULT_AFTER = Duration.ofHours(4);
  public static final int DEFAULT_MAX = 2;

  /** The most re-sends of one step a server may allow. */
  public static final int MOST = 5;

  /** A re-send sooner than this would meet the same full mailbox. */
  public static final Duration SHORTEST_AFTER = Duration.ofMinutes(1);

  public static final Duration LONGEST_AFTER = Duration.ofDays(30);

  /** Four hours, twice. */
  public static final SoftBounceResends DEFAULTS =
      new SoftBounceResends(DEFAULT_AFTER, DEFAULT_MAX);

  /** Soft bounces are only recorded. */
  public static final SoftBounceResends NONE = new SoftBounceResends(Duration.ZERO, 0);

  public SoftBounceResends {
    if (after == null
        || !(after.isZero()
            || (after.compareTo(SHORTEST_AFTER) >= 0 && after.compareTo(LONGEST_AFTER) <= 0))) {
      throw new IllegalArgumentException(
          "the soft-bounce re-send delay must be 0 (off) or between 1 minute and 30 days");
    }
    if (max < 0 || max > MOST) {
      throw new IllegalArgumentException(
          "the soft-bounce re-sends must be between 0 (off) and " + MOST);
    }
  }

  /** Whether a soft bounce may re-send anything at all. */
  public boolean enabled() {
    return max > 0 && !after.isZero();
  }
}
