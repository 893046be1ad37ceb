package com.campaignengine.personalize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to personalize: the campaign's {@code instructions}, a word budget, the rendered {@code
 * draftText} (the baseline whose meaning and URLs must survive), {@code context} fields such as
 * {@code job_description}, {@code company_context} or profile fields, and who sends and receives.
 *
 * <p>Immutable and thread-safe: {@code context} is copied (null values dropped, order kept). {@code
 * instructions} may be null (treated as empty); names and the recipient email may be null.
 */
public record PersonalizeRequest(
    String instructions,
    int maxWords,
    String draftText,
    Map<String, String> context,
    String recipientName,
    String recipientEmail,
    String senderName) {

  public PersonalizeRequest {
    if (maxWords <= 0) {
      throw new IllegalArgumentException("maxWords must be positive: " + maxWords);
    }
    Objects.requireNonNull(draftText, "draftText");
    instructions = instructions == null ? "" : instructions;
    Map<String, String> copy = new LinkedHashMap<>();
    if (context != null) {
      context.forEach(
          (key, value) -> {
            if (key != null && value != null) {
              copy.put(key, value);
            }
          });
    }
    context = Collections.unmodifiableMap(copy);
  }

  /** Only the shape: the texts are prompt material and must not reach logs. */
  @Override
  public String toString() {
    return "PersonalizeRequest[maxWords="
        + maxWords
        + ", draftChars="
        + draftText.length()
        + ", contextKeys="
        + context.keySet()
        + "]";
  }
}
