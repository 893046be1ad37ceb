package com.campaignengine.campaign;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a reply says, as the inbox sorts it; {@link #wire()} is the API's and the table's text. */
public enum ReplyCategory {
  INTERESTED,
  NOT_INTERESTED,
  NOT_NOW,
  REFERRAL,
  WRONG_PERSON,
  UNSUBSCRIBE_REQUEST,
  AUTO_REPLY,
  OTHER;

  /** The lower-case name: {@code not_now}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The category of {@code text} ({@code not_now}), or empty for anything else. */
  public static Optional<ReplyCategory> parse(String text) {
    return Arrays.stream(values()).filter(c -> c.wire().equals(text)).findFirst();
  }

  /** The categories' texts, comma-separated, for error messages and prompts. */
  public static String allWire() {
    return String.join(", ", Arrays.stream(values()).map(ReplyCategory::wire).toList());
  }
}
