package com.campaignengine.inbound;

import com.campaignengine.campaign.ReplyCategory;
import com.campaignengine.campaign.SoftBounceResends;
import com.campaignengine.inbound.classify.AutoReplies;
import com.campaignengine.inbound.classify.AutoReply;
import com.campaignengine.inbound.classify.Bounce;
import com.campaignengine.inbound.classify.DeliveryReports;
import com.campaignengine.inbound.classify.InboundMessage;
import com.campaignengine.inbound.classify.QuotedHistory;
import com.campaignengine.inbound.classify.ReplyKeywords;
import com.campaignengine.store.InboundStore;
import com.campaignengine.store.InboundStore.BounceOutcome;
import com.campaignengine.store.InboundStore.BounceReport;
import com.campaignengine.store.InboundStore.RecordedReply;
import com.campaignengine.store.InboundStore.SendRef;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one inbound pipeline every source feeds (IMAP, Gmail history, webhooks): a delivery report
 * becomes a bounce (a soft one may send the bounced step again later), an automatic reply is
 * recorded without stopping anything (an out-of-office with a return date pauses the enrollment
 * until then), anything else that answers one of our emails is a reply and stops the sequence.
 * Unmatched messages are skipped.
 */
public final class InboundProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);

  /** What became of one inbound message. */
  public enum Outcome {
    REPLY,
    AUTO_REPLY,
    OUT_OF_OFFICE_PAUSED,
    BOUNCE,
    UNSUBSCRIBED,
    UNMATCHED
  }

  private final InboundStore store;
  private final Clock clock;
  private final SoftBounceResends resends;
  private final ReplyModelQueue model;

  /**
   * @param resends whether, when and how often a soft-bounced email step is sent again
   */
  public InboundProcessor(InboundStore store, Clock clock, SoftBounceResends resends) {
    this(store, clock, resends, null);
  }

  /**
   * @param model categorizes replies after they are recorded, on its own thread; null: the keyword
   *     rules only
   */
  public InboundProcessor(
      InboundStore store, Clock clock, SoftBounceResends resends, ReplyModelQueue model) {
    this.store = store;
    this.clock = clock;
    this.resends = resends;
    this.model = model;
  }

  /** Processes a message that arrived in the inbox of mailbox {@code mailboxId}. */
  public Outcome process(long mailboxId, InboundMessage message) {
    Instant now = clock.instant();
    Optional<Bounce> bounce = DeliveryReports.parse(message);
    if (bounce.isPresent()) {
      return bounce(mailboxId, message.messageId(), bounce.get(), now);
    }
    Optional<SendRef> send = answered(mailboxId, message);
    if (send.isEmpty()) {
      LOG.debug(
          "Inbound {} in mailbox {} answers none of our emails", message.sourceId(), mailboxId);
      return Outcome.UNMATCHED;
    }
    if (message.subject() != null && message.subject().strip().equalsIgnoreCase("unsubscribe")) {
      // The mailto: alternative of List-Unsubscribe lands here.
      store.suppress(
          send.get().workspaceId(),
          message.fromAddress(),
          "unsubscribed",
          send.get().sendId(),
          now);
      return Outcome.UNSUBSCRIBED;
    }
    // Return dates are judged against the engine's clock, like every other "now".
    AutoReply auto = AutoReplies.detect(atEngineTime(message, now));
    if (auto.automatic()) {
      Instant resumeAt =
          auto.returnDate().map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(null);
      boolean paused =
          store.recordAutoReply(
              send.get(),
              message.fromAddress(),
              message.subject(),
              message.messageId(),
              QuotedHistory.trim(message.textBody()),
              auto.returnDate().orElse(null),
              resumeAt,
              now);
      LOG.info(
          "Enrollment(id={}) auto-reply ({}){}",
          send.get().enrollmentId(),
          auto.why(),
          paused ? ", paused until " + resumeAt : "");
      return paused ? Outcome.OUT_OF_OFFICE_PAUSED : Outcome.AUTO_REPLY;
    }
    String body = QuotedHistory.trim(message.textBody());
    ReplyCategory category = ReplyKeywords.categorize(message.subject(), body);
    Optional<RecordedReply> recorded =
        store.recordReply(
            send.get(),
            message.fromAddress(),
            message.subject(),
            message.messageId(),
            body,
            category,
            now);
    LOG.info(
        "Enrollment(id={}) replied ({}); stopped {}",
        send.get().enrollmentId(),
        category.wire(),
        recorded.map(RecordedReply::stopped).orElse(List.of()));
    if (recorded.isPresent() && model != null) {
      // After the reply is safe, and not on this reader's thread: a slow or failing model never
      // holds up reading, and only ever leaves the keyword category in place.
      model.submit(send.get(), recorded.get(), message.subject(), body, now);
    }
    return Outcome.REPLY;
  }

  private static InboundMessage atEngineTime(InboundMessage m, Instant now) {
    return new InboundMessage(
        m.sourceId(),
        m.messageId(),
        m.inReplyTo(),
        m.references(),
        m.fromAddress(),
        m.subject(),
        now,
        m.headers(),
        m.textBody(),
        m.raw());
  }

  /** Our email this message answers: by its thread headers, else the latest sent to its sender. */
  private Optional<SendRef> answered(long mailboxId, InboundMessage message) {
    List<String> ids = new ArrayList<>(message.inReplyTo());
    ids.addAll(message.references());
    Optional<SendRef> byHeaders = store.findByMessageIds(mailboxId, ids);
    if (byHeaders.isPresent() || message.fromAddress() == null) {
      return byHeaders;
    }
    return store.findLatestTo(mailboxId, message.fromAddress());
  }

  private Outcome bounce(long mailboxId, String messageKey, Bounce bounce, Instant now) {
    Optional<SendRef> send =
        bounce
            .originalMessageId()
            // Only this mailbox's sends: anyone can mail a report naming another's Message-ID.
            .flatMap(id -> store.findByMessageIds(mailboxId, List.of(id)))
            .or(() -> store.findLatestTo(mailboxId, bounce.recipient()));
    if (send.isEmpty()) {
      LOG.debug("Bounce for {} matches none of our sends", bounce.recipient());
      return Outcome.UNMATCHED;
    }
    recordBounce(send.get(), messageKey, bounce, now);
    return Outcome.BOUNCE;
  }

  /**
   * Records a bounce of {@code send}, reported under {@code messageKey} (the report's Message-ID,
   * or a provider's event id; null if none): hard, it ends the sequence; soft, it re-sends the
   * bounced step as this server's {@link SoftBounceResends} say, unless the report is only a delay
   * warning.
   */
  public BounceOutcome recordBounce(SendRef send, String messageKey, Bounce bounce, Instant now) {
    BounceOutcome outcome =
        store.recordBounce(
            send.workspaceId(),
            send,
            new BounceReport(
                messageKey,
                bounce.recipient(),
                bounce.status(),
                bounce.hard(),
                bounce.delayed(),
                bounce.diagnostic()),
            resends,
            now);
    String what;
    if (outcome.duplicate()) {
      what = "recorded before";
    } else if (outcome.countedAsHard()) {
      what = "hard, address suppressed";
    } else if (outcome.resendScheduled()) {
      what = "soft, re-send " + outcome.resendNumber() + " at " + outcome.resendAt();
    } else {
      what = bounce.delayed() ? "soft, delivery only delayed" : "soft";
    }
    LOG.info(
        "Bounce {} of send {} for enrollment {}: {}",
        bounce.status(),
        send.sendId(),
        send.enrollmentId(),
        what);
    return outcome;
  }
}
