package com.campaignengine.engine;

import com.campaignengine.campaign.FreeMailDomains;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.InboundSource;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.inbound.Senders;
import com.campaignengine.readmodel.CampaignStats;
import com.campaignengine.store.Completion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check before every follow-up: before an email goes to a person who has already had one in
 * this enrollment, ask the mailbox whether that person (with {@code stop_on_company_reply}, anyone
 * at their company) has written since the enrollment's first email, and feed what it finds through
 * the inbound pipeline first. A reply found that way stops the enrollment, and the send's
 * reservation ({@link SendOperations#prepareSends}) then finds it inactive: nothing is sent.
 *
 * <p>One lookup per mailbox per claim batch (the source batches the senders into as few searches as
 * its protocol allows). A mailbox that cannot be asked holds its follow-ups: they are rescheduled
 * as {@link #WAITING} without counting an attempt, and the mailbox is marked as holding, which its
 * health shows and an alert watches. First emails, and mailboxes with no way to read mail (reply
 * detection "none"), are not checked.
 */
final class ReplyCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyCheck.class);

  /** The error class of a follow-up held because its mailbox could not be asked. */
  static final String WAITING = CampaignStats.WAITING_FOR_REPLY_CHECK;

  /** When a held follow-up is tried again. */
  static final Duration RETRY = Duration.ofMinutes(1);

  /**
   * Looked back before the first email: clocks of the engine and the mail server differ a little,
   * and a reply cannot predate the email it answers by more than that.
   */
  static final Duration MARGIN = Duration.ofMinutes(5);

  private final ReplyChecks ports;
  private final SendOperations operations;
  private final EngineListener listener;

  /** Mailboxes this node marked as holding, so that a later success clears the mark. */
  private final Set<Long> holding = ConcurrentHashMap.newKeySet();

  ReplyCheck(ReplyChecks ports, SendOperations operations, EngineListener listener) {
    this.ports = ports;
    this.operations = operations;
    this.listener = listener;
  }

  /**
   * A mailbox's inbox for this batch: its source, or why it cannot be opened; neither when the
   * mailbox has no way to read mail (reply detection "none").
   */
  private record Inbox(InboundSource source, String failure) {
    static final Inbox NONE = new Inbox(null, null);

    boolean readable() {
      return source != null || failure != null;
    }
  }

  /**
   * Checks the follow-ups among {@code ready}; returns the completions of those that must wait (by
   * execution id). Those not returned may go on to be reserved and sent.
   */
  Map<Long, Completion> check(List<EmailBatch.Ready> ready, Instant now) {
    if (ready.isEmpty() || ports == ReplyChecks.NONE) {
      return Map.of();
    }
    Map<Long, Inbox> inboxes = new HashMap<>();
    List<EmailBatch.Ready> readable = new ArrayList<>();
    for (EmailBatch.Ready email : ready) {
      Mailbox mailbox = email.run().context().mailbox();
      if (inboxes.computeIfAbsent(mailbox.id(), id -> inboxOf(mailbox)).readable()) {
        readable.add(email);
      }
    }
    if (readable.isEmpty()) {
      return Map.of(); // no mailbox of the batch can read mail: nothing to look up
    }
    Map<Long, Instant> firstEmails =
        operations.firstEmails(
            readable.stream().map(r -> r.run().execution().enrollmentId()).toList());
    Map<Long, List<EmailBatch.Ready>> byMailbox = new LinkedHashMap<>();
    for (EmailBatch.Ready email : readable) {
      if (firstEmails.containsKey(email.run().execution().enrollmentId())) {
        byMailbox
            .computeIfAbsent(email.run().context().mailbox().id(), m -> new ArrayList<>())
            .add(email);
      }
    }
    Map<Long, Completion> waiting = new LinkedHashMap<>();
    byMailbox.forEach(
        (mailboxId, followUps) -> {
          Inbox inbox = inboxes.get(mailboxId);
          Mailbox mailbox = followUps.get(0).run().context().mailbox();
          Optional<Unanswered> unanswered =
              inbox.source() == null
                  ? hold(mailbox, followUps.size(), inbox.failure(), now)
                  : ask(inbox.source(), mailbox, followUps, firstEmails, now);
          if (unanswered.isPresent()) {
            String why = unanswered.get().why();
            for (EmailBatch.Ready email : followUps) {
              waiting.put(
                  email.run().execution().id(),
                  unanswered.get().disconnected()
                      ? new Completion.Held(
                          email.run().execution(), "mailbox disconnected: " + why, null)
                      : new Completion.Rescheduled(
                          email.run().execution(), now.plus(RETRY), false, WAITING, why, null));
            }
          }
        });
    return waiting;
  }

  private Inbox inboxOf(Mailbox mailbox) {
    try {
      return ports.sources().sourceFor(mailbox).map(s -> new Inbox(s, null)).orElse(Inbox.NONE);
    } catch (RuntimeException e) {
      return new Inbox(null, "cannot open the mailbox's inbox: " + e.getMessage());
    }
  }

  /**
   * Why a mailbox could not be asked. {@code disconnected}: it refused the grant it also sends with
   * (an OAuth provider), so it is disconnected and its follow-ups parked, as a refused send would.
   */
  private record Unanswered(String why, boolean disconnected) {}

  /** Asks one mailbox about its follow-ups; empty if it answered, else why it could not. */
  private Optional<Unanswered> ask(
      InboundSource source,
      Mailbox mailbox,
      List<EmailBatch.Ready> followUps,
      Map<Long, Instant> firstEmails,
      Instant now) {
    long started = System.nanoTime();
    Set<String> addresses = new HashSet<>();
    Set<String> domains = new HashSet<>();
    Instant since = now;
    for (EmailBatch.Ready email : followUps) {
      String address = email.run().context().person().emailAddress().toLowerCase(Locale.ROOT);
      addresses.add(address);
      if (email.run().campaign().settings().stopOnCompanyReply()) {
        String domain = FreeMailDomains.domainOf(address);
        if (domain != null && !FreeMailDomains.isFreeMail(domain)) {
          domains.add(domain);
        }
      }
      Instant first = firstEmails.get(email.run().execution().enrollmentId());
      if (first.isBefore(since)) {
        since = first;
      }
    }
    List<RawInbound> found;
    try {
      found = source.messagesFrom(new Senders(addresses, domains), since.minus(MARGIN));
    } catch (InboundException e) {
      if (e.kind() == InboundException.Kind.CREDENTIALS && sendsWithTheSameGrant(mailbox)) {
        LOG.warn("Mailbox(id={}) refused credentials: {}", mailbox.id(), e.getMessage());
        operations.disconnectMailbox(mailbox.id(), e.getMessage(), now);
        listener.onReplyCheck(followUps.size(), 0, false, Duration.ZERO);
        return Optional.of(new Unanswered(e.getMessage(), true));
      }
      return hold(mailbox, followUps.size(), describe(e), now);
    } catch (RuntimeException e) {
      listener.onUnexpectedError(e);
      return hold(mailbox, followUps.size(), "reply check failed: " + e, now);
    }
    if (!found.isEmpty()) {
      // Replies, auto-replies and bounces are recorded (and stop sequences) before any send of
      // this batch is reserved.
      ports.intake().take(mailbox.id(), found);
    }
    if (holding.remove(mailbox.id())) {
      ports.holds().released(mailbox.id());
      LOG.info("Mailbox(id={}) answers reply checks again; its follow-ups go out", mailbox.id());
    }
    listener.onReplyCheck(followUps.size(), found.size(), true, elapsed(started));
    return Optional.empty();
  }

  /**
   * Whether reading and sending use one credential: an OAuth grant (Gmail) rather than separate
   * SMTP and IMAP logins, where a wrong IMAP password says nothing about sending.
   */
  private static boolean sendsWithTheSameGrant(Mailbox mailbox) {
    return !"smtp".equals(mailbox.connection().provider());
  }

  private Optional<Unanswered> hold(Mailbox mailbox, int followUps, String why, Instant now) {
    if (holding.add(mailbox.id())) {
      LOG.warn(
          "Mailbox(id={}) cannot be asked for replies ({}); its follow-ups wait",
          mailbox.id(),
          why);
    }
    ports.holds().holding(mailbox.workspaceId(), mailbox.id(), why, now);
    listener.onReplyCheck(followUps, 0, false, Duration.ZERO);
    return Optional.of(new Unanswered(why, false));
  }

  private static String describe(InboundException e) {
    String kind =
        switch (e.kind()) {
          case UNREACHABLE -> "inbox unreachable";
          case CREDENTIALS -> "inbox login refused";
          case RATE_LIMITED -> "inbox rate-limited";
          case FAILED -> "inbox read failed";
        };
    return kind + ": " + e.getMessage();
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
