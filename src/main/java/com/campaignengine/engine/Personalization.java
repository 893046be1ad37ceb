package com.campaignengine.engine;

import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.Step;
import com.campaignengine.personalize.PersonalizeRequest;
import com.campaignengine.personalize.PersonalizeResult;
import com.campaignengine.personalize.Personalizer;
import com.campaignengine.store.PersonalizationStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * AI personalization of an email's text, configured per step. The result is cached per (step,
 * person, template version) so a retry or another node reuses it; each model call takes one unit of
 * the workspace's daily budget. Any failure — no model configured, budget spent, timeout, error, an
 * output that fails its checks — falls back to the plain template, with the reason.
 */
public final class Personalization {

  /** Settings: the model (null: none configured), the cache/budget store, the daily budget. */
  public record Settings(Personalizer personalizer, PersonalizationStore store, int dailyBudget) {}

  /** The text to send and how it came about. */
  public record Outcome(String text, boolean personalized, String fallbackReason) {}

  private final Settings settings;

  public Personalization(Settings settings) {
    this.settings = settings;
  }

  /** Runs on a worker of the personalization pool; thread-safe. */
  Outcome personalize(StepRun run, String draftText, Map<String, String> context, Instant now) {
    Step.AiSpec ai = run.step().email().ai();
    if (settings.personalizer() == null) {
      return fallback(draftText, "no AI model configured");
    }
    Person person = run.context().person();
    String hash = templateHash(run.step(), context);
    var cached = settings.store().cached(run.step().id(), person.id(), hash);
    if (cached.isPresent()) {
      return new Outcome(cached.get(), true, null);
    }
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (!settings.store().takeBudget(run.execution().workspaceId(), day, settings.dailyBudget())) {
      return fallback(draftText, "daily AI budget used up");
    }
    PersonalizeResult result;
    try {
      result =
          settings
              .personalizer()
              .personalize(
                  new PersonalizeRequest(
                      ai.instructions(),
                      ai.maxWords(),
                      draftText,
                      context,
                      fullName(person),
                      person.emailAddress(),
                      run.context().mailbox().displayName()));
    } catch (RuntimeException e) {
      return fallback(draftText, "personalizer failed: " + e.getMessage());
    }
    if (result instanceof PersonalizeResult.Personalized personalized) {
      settings.store().cache(run.step().id(), person.id(), hash, personalized.text(), now);
      return new Outcome(personalized.text(), true, null);
    }
    return fallback(draftText, ((PersonalizeResult.Failed) result).reason());
  }

  private static Outcome fallback(String draftText, String reason) {
    return new Outcome(draftText, false, reason);
  }

  /** Changes whenever the step's template, instructions or the person's rendered context change. */
  private static String templateHash(Step step, Map<String, String> context) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      Step.EmailContent email = step.email();
      String material =
          email.ai().instructions()
              + "\u0000"
              + email.ai().maxWords()
              + "\u0000"
              + email.body()
              + "\u0000"
              + new TreeMap<>(context);
      return HexFormat.of().formatHex(digest.digest(material.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static String fullName(Person person) {
    String name =
        ((person.firstName() == null ? "" : person.firstName())
                + " "
                + (person.lastName() == null ? "" : person.lastName()))
            .strip();
    return name.isEmpty() ? null : name;
  }
}
