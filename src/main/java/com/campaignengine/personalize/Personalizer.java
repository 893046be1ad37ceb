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

  /**
   * Asks the model one short question (a system and a user message, answered at temperature 0): its
   * answer's text, unchecked, as {@link PersonalizeResult.Personalized}, or a failure as for {@link
   * #personalize}. Used to categorize replies; a model that cannot answer says so as {@code
   * Failed}, and the caller falls back to its own rules.
   */
  default PersonalizeResult ask(String system, String user, int maxTokens) {
    return new PersonalizeResult.Failed(name() + " does not answer questions");
  }

  /** A short, log-safe name such as {@code gemini:gemini-2.0-flash}; never holds a key. */
  String name();
}
