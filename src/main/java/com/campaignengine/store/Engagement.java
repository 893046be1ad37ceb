package com.campaignengine.store;

import java.time.Duration;
import java.time.Instant;

/**
 * What an enrollment's person has done, as recorded: read by condition steps. Likely machine opens
 * (mail-privacy proxies, scanners) do not count as opens. The {@code ...After} instants are the
 * first of each since the enrollment's latest email ({@code lastSentAt}), or null.
 */
public record Engagement(
    boolean replied,
    boolean opened,
    boolean clicked,
    Instant lastSentAt,
    Instant replyAfter,
    Instant openAfter,
    Instant clickAfter) {

  public static final Engagement NONE = new Engagement(false, false, false, null, null, null, null);

  /** Whether {@code first} happened within {@code hours} of the latest email. */
  public boolean within(Instant first, int hours) {
    return lastSentAt != null
        && first != null
        && !first.isAfter(lastSentAt.plus(Duration.ofHours(hours)));
  }
}
