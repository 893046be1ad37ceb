package com.campaignengine.store.postgres;

import com.campaignengine.store.InboundStore.SendRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the send an inbound message or a tracking token refers to: by Message-ID, by the address it
 * went to, by its id, the provider's id or its execution's id.
 */
final class SendLookups {

  private static final String SEND =
      """
      SELECT s.id, s.workspace_id, s.campaign_id, s.step_id, s.enrollment_id, s.mailbox_id,
             s.to_address, s.sent_at
        FROM email_sends s
      """;

  private static final String BY_MESSAGE_IDS =
      SEND + " WHERE s.mailbox_id = ? AND s.message_id = ANY(?) ORDER BY s.id DESC LIMIT 1";

  private static final String LATEST_TO =
      SEND
          + " WHERE s.mailbox_id = ? AND lower(s.to_address) = ? AND s.status = 'sent'"
          + " ORDER BY s.id DESC LIMIT 1";

  private static final String BY_ID = SEND + " WHERE s.id = ?";

  private static final String BY_PROVIDER_MESSAGE_ID =
      SEND + " WHERE s.provider_message_id = ? ORDER BY s.id DESC LIMIT 1";

  private static final String BY_EXECUTION_ID = SEND + " WHERE s.execution_id = ?";

  private final Database database;

  SendLookups(Database database) {
    this.database = database;
  }

  Optional<SendRef> byMessageIds(long mailboxId, List<String> messageIds) {
    if (messageIds.isEmpty()) {
      return Optional.empty();
    }
    return one(BY_MESSAGE_IDS, mailboxId, messageIds.toArray(String[]::new));
  }

  Optional<SendRef> latestTo(long mailboxId, String address) {
    return one(LATEST_TO, mailboxId, address.toLowerCase(Locale.ROOT));
  }

  Optional<SendRef> byId(long sendId) {
    return one(BY_ID, sendId);
  }

  Optional<SendRef> byProviderMessageId(String providerMessageId) {
    return one(BY_PROVIDER_MESSAGE_ID, providerMessageId);
  }

  Optional<SendRef> byExecutionId(long executionId) {
    return one(BY_EXECUTION_ID, executionId);
  }

  private Optional<SendRef> one(String sql, Object... params) {
    return database.withConnection(c -> Sql.queryOne(c, sql, SendLookups::ref, params));
  }

  private static SendRef ref(ResultSet rs) throws SQLException {
    return new SendRef(
        rs.getLong("id"),
        rs.getLong("workspace_id"),
        rs.getLong("campaign_id"),
        rs.getLong("step_id"),
        rs.getLong("enrollment_id"),
        rs.getLong("mailbox_id"),
        rs.getString("to_address"),
        Sql.instant(rs, "sent_at"));
  }
}
