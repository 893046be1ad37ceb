package com.campaignengine.personalize;

/**
 * Port: rewrites a rendered draft into a personalized email body.
 *
 * <p>Contract: never throws for provider problems (HTTP errors, timeouts, blocked or unusable
 * output); those come back as {@link PersonalizeResult.Failed}, so callers can fall back to the
 * draft. A {@link PersonalizeResult.Personalized} text has passed {@link OutputChecks}.
 *
 * <p>Implementations are thread-safe: one instance serves all worker threads.
 */
public interface Personalizer {

  /** Personalizes the draft, or explains why not. */
  PersonalizeResult personalize(PersonalizeRequest request);

  /** A short, log-safe name such as {@code gemini:gemini-2.0-flash}; never holds a key. */
  String name();
}
