package com.campaignengine.personalize;

import java.util.Objects;

/**
 * The outcome of {@link Personalizer#personalize}: a checked text, or a reason to use the draft.
 * Immutable and thread-safe.
 */
public sealed interface PersonalizeResult
    permits PersonalizeResult.Personalized, PersonalizeResult.Failed {

  /** A rewritten body that passed {@link OutputChecks}. */
  record Personalized(String text) implements PersonalizeResult {
    public Personalized {
      Objects.requireNonNull(text, "text");
    }

    /** Without the text: results end up in logs, and outputs must not. */
    @Override
    public String toString() {
      return "Personalized[" + text.length() + " chars]";
    }
  }

  /**
   * No usable text. {@code reason} is log-safe (no prompt, output or key), e.g. {@code "timeout
   * after 3 attempts"}, {@code "blocked: SAFETY"} or {@code "output check: ..."}.
   */
  record Failed(String reason) implements PersonalizeResult {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
