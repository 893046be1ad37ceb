package com.campaignengine.store;

import com.campaignengine.readmodel.EventAction;
import com.campaignengine.readmodel.EventRule;
import com.campaignengine.readmodel.Page;
import com.campaignengine.readmodel.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the workspace's event rules, the events received with the actions they caused, and the ATS
 * webhook settings. Every query is scoped by workspace, save the look-up of a webhook's token.
 * Thread-safe.
 */
public interface EventStore {

  EventRule createRule(
      long workspaceId,
      String eventType,
      Map<String, String> match,
      String action,
      Long campaignId,
      boolean createPerson,
      Instant now);

  /** Oldest first; {@code eventType} null lists them all. */
  List<EventRule> rules(long workspaceId, String eventType);

  /** False if there is no such rule in the workspace. */
  boolean deleteRule(long workspaceId, long ruleId);

  StoredEvent record(
      long workspaceId,
      long personId,
      String type,
      String source,
      String dataJson,
      List<EventAction> actions,
      Instant now);

  /** Newest first; {@code personId} null lists every person's; {@code beforeId} 0: the newest. */
  Page<StoredEvent> events(long workspaceId, Long personId, long beforeId, int limit);

  /** The ids of the person's active or paused enrollments, in every campaign of the workspace. */
  List<Long> liveEnrollments(long workspaceId, long personId);

  /** The person whose custom field {@code key} is {@code value} (the lowest id if several). */
  Optional<Long> personByCustomField(long workspaceId, String key, String value);

  /** A workspace's ATS settings; the secrets sealed. */
  record AtsSettings(
      long workspaceId,
      String hookToken,
      byte[] greenhouseSecret,
      byte[] leverSignatureToken,
      byte[] hostEventsSecret) {}

  Optional<AtsSettings> ats(long workspaceId);

  Optional<AtsSettings> atsByToken(String hookToken);

  /**
   * Creates or changes the workspace's ATS settings ({@code newToken} is used only when there are
   * none yet). A secret is changed only when its {@code set*} flag is true (to null: cleared).
   */
  AtsSettings saveAts(
      long workspaceId,
      String newToken,
      boolean setGreenhouse,
      byte[] greenhouseSecret,
      boolean setLever,
      byte[] leverSignatureToken,
      boolean setHost,
      byte[] hostEventsSecret,
      Instant now);

  /**
   * Records a signed delivery from {@code source} by the SHA-256 of what its signature covers;
   * false if it was seen already, at or after {@code forgetBefore} (a replay or a retry). Older
   * records count as not seen; the retention pass deletes them.
   */
  boolean firstDelivery(
      long workspaceId, String source, byte[] signatureSha256, Instant now, Instant forgetBefore);

  /** Forgets a delivery {@link #firstDelivery} recorded: acting on it failed, a retry may act. */
  void forgetDelivery(long workspaceId, String source, byte[] signatureSha256);
}
