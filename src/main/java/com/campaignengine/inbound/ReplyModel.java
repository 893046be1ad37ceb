package com.campaignengine.inbound;

import com.campaignengine.campaign.ReplyCategory;
import com.campaignengine.personalize.PersonalizeResult;
import com.campaignengine.personalize.Personalizer;
import com.campaignengine.store.InboundStore.RecordedReply;
import com.campaignengine.store.InboundStore.SendRef;
import com.campaignengine.store.PersonalizationStore;
import com.campaignengine.store.ReplyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Categorizes a reply with the personalizer's model, after the reply is recorded with the keyword
 * rules' category, and under the personalizer's rules: one call takes one unit of the workspace's
 * daily AI budget; answers are cached per (answered step, person, hash of model, subject and body);
 * and anything but a clean answer — no model, budget used up, an error or timeout, an answer that
 * is not exactly one category — keeps the keyword category. Never throws: the reply is already
 * safe. A category a person set meanwhile is never overwritten.
 */
public final class ReplyModel {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyModel.class);

  /** Enough for any one category name. */
  private static final int MAX_TOKENS = 10;

  /** The most of a reply's body sent to the model. */
  private static final int MAX_BODY_CHARS = 4_000;

  static final String SYSTEM =
      "You sort replies to recruiting emails. Answer with exactly one of these words and nothing"
          + " else: "
          + ReplyCategory.allWire()
          + ". interested: wants to talk or learn more. not_interested: declines. not_now: maybe"
          + " later. referral: names someone else to contact. wrong_person: not the right"
          + " recipient, without naming anyone. unsubscribe_request: asks to stop receiving"
          + " emails. auto_reply: an automatic answer. other: anything else.";

  /**
   * @param model null: no model configured, the keyword category stays
   * @param dailyBudget model calls per workspace per UTC day, shared with personalization
   */
  public record Settings(
      Personalizer model, PersonalizationStore cache, ReplyStore replies, int dailyBudget) {}

  private final Settings settings;

  public ReplyModel(Settings settings) {
    this.settings = settings;
  }

  /** Whether a model is configured at all. */
  public boolean configured() {
    return settings.model() != null;
  }

  /** Asks the model for the category of a recorded reply and stores it; returns it, if any. */
  public Optional<ReplyCategory> categorize(
      SendRef send, RecordedReply reply, String subject, String body, Instant now) {
    if (settings.model() == null) {
      return Optional.empty();
    }
    try {
      String text = body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body;
      String user = "Subject: " + (subject == null ? "" : subject) + "\n\n" + text;
      String hash = hash(settings.model().name() + "\n" + SYSTEM + "\n" + user);
      Optional<String> answer = settings.cache().cached(send.stepId(), reply.personId(), hash);
      if (answer.isEmpty()) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!settings.cache().takeBudget(send.workspaceId(), day, settings.dailyBudget())) {
          return fallback(reply, "daily AI budget used up");
        }
        PersonalizeResult result = settings.model().ask(SYSTEM, user, MAX_TOKENS);
        if (!(result instanceof PersonalizeResult.Personalized asked)) {
          return fallback(reply, ((PersonalizeResult.Failed) result).reason());
        }
        answer = Optional.of(asked.text());
      }
      Optional<ReplyCategory> category = parse(answer.get());
      if (category.isEmpty()) {
        return fallback(reply, "an answer that is not a category");
      }
      settings.cache().cache(send.stepId(), reply.personId(), hash, category.get().wire(), now);
      if (!settings
          .replies()
          .categorizedByModel(send.workspaceId(), reply.replyId(), category.get(), now)) {
        return Optional.empty();
      }
      return category;
    } catch (RuntimeException e) {
      return fallback(reply, e.toString());
    }
  }

  /**
   * The category of an answer such as {@code "not_now"}, {@code "Not now."} or {@code "`other`"}.
   */
  static Optional<ReplyCategory> parse(String answer) {
    String word =
        answer
            .strip()
            .toLowerCase(Locale.ROOT)
            .replaceAll("^[\\s\"'`*.]+|[\\s\"'`*.!]+$", "")
            .replace(' ', '_')
            .replace('-', '_');
    return ReplyCategory.parse(word);
  }

  private static Optional<ReplyCategory> fallback(RecordedReply reply, String why) {
    LOG.info("Reply(id={}) keeps its keyword category: {}", reply.replyId(), why);
    return Optional.empty();
  }

  private static String hash(String text) {
    try {
      return "reply-category:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
