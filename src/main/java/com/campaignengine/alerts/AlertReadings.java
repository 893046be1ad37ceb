package com.campaignengine.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: what the rules read from the database, one small query each. Thread-safe. */
public interface AlertReadings {

  /** Every workspace, for the periodic evaluation. */
  List<Long> workspaceIds();

  /**
   * Per campaign: executions finished since {@code since} plus those waiting for a retry ({@code
   * total}), and among them the dead-lettered and the retrying ({@code bad}).
   */
  List<CampaignRate> campaignErrors(long workspaceId, Instant since);

  /**
   * Per campaign: people emailed since {@code since} ({@code total}) and how many of them bounced
   * ({@code bad}).
   */
  List<CampaignRate> campaignBounces(long workspaceId, Instant since);

  /** Executions dead-lettered since {@code since}, and all dead letters of the workspace. */
  DeadLetters deadLetters(long workspaceId, Instant since);

  List<DisconnectedMailbox> disconnectedMailboxes(long workspaceId);

  /** Mailboxes whose counter for their current local day has reached their daily limit. */
  List<FullMailbox> mailboxesAtDailyCap(long workspaceId, Instant now);

  /** When the oldest execution due by {@code now} and still pending was due. */
  Optional<Instant> oldestDue(long workspaceId, Instant now);

  /**
   * The mailboxes whose credentials a node could not unseal since {@code since}, by node then
   * mailbox id.
   */
  List<UnsealFailure> unsealFailures(long workspaceId, Instant since);

  /**
   * The mailboxes holding follow-ups because they could not be asked whether people replied, with
   * how many follow-ups wait on each; only holds still current at {@code now} (a check failed
   * recently).
   */
  List<HeldFollowUps> heldFollowUps(long workspaceId, Instant now);

  /** A campaign's count of something bad among a total, with what auto-pause needs to know. */
  record CampaignRate(
      long campaignId,
      String name,
      boolean active,
      boolean autoPauseOnSpike,
      long total,
      long bad) {

    public double rate() {
      return total == 0 ? 0 : (double) bad / total;
    }
  }

  record DeadLetters(long recent, long total) {}

  /** Since when a mailbox holds its follow-ups, why (its last failed check), how many. */
  record HeldFollowUps(
      long mailboxId, String email, Instant waitingSince, String reason, long followUps) {}

  record DisconnectedMailbox(long mailboxId, String email, String reason) {}

  /** A node ({@code nodeId}) that cannot open a mailbox's sealed credentials. */
  record UnsealFailure(String nodeId, long mailboxId, String email) {}

  /** {@code capReachedAt}: the latest send of the local day (null if none is recorded). */
  record FullMailbox(
      long mailboxId,
      String email,
      String timezone,
      int dailyLimit,
      int sentToday,
      Instant capReachedAt) {}
}
