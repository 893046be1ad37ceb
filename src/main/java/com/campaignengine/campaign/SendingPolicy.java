package com.campaignengine.campaign;

import java.util.List;

/**
 * How a campaign sends: from which mailboxes (in order), when (its sending window, read in the
 * person's time zone or else in {@code timezone}; null: UTC), and how many times one send is tried.
 * In a stored campaign {@code window} already includes the holidays of the campaign and of its
 * workspace as closed dates; {@code holidays} is what the campaign itself sets.
 */
public record SendingPolicy(
    List<Long> mailboxIds,
    String timezone,
    SendingWindow window,
    Holidays holidays,
    int maxAttempts) {

  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  public SendingPolicy {
    mailboxIds = List.copyOf(mailboxIds);
    holidays = holidays == null ? Holidays.NONE : holidays;
  }
}
