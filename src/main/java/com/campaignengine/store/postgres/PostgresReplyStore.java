package com.campaignengine.store.postgres;

import com.campaignengine.campaign.ReplyCategory;
import com.campaignengine.readmodel.InboxQuery;
import com.campaignengine.readmodel.InboxReply;
import com.campaignengine.store.ReplyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The reply inbox's rows: {@code email_replies} with their campaign and person. */
public final class PostgresReplyStore implements ReplyStore {
  private static final String SELECT =
      """
      SELECT r.id, r.campaign_id, c.name AS campaign_name, r.step_id, r.enrollment_id,
             l.person_id, concat_ws(' ', p.first_name, p.last_name) AS person_name,
             r.from_address, r.subject, r.body, r.kind, r.category, r.category_set_by,
             r.category_set_at, r.handled, r.handled_at, r.received_at
        FROM email_replies r
        JOIN campaign_sequences c ON c.id = r.campaign_id
        JOIN campaign_sequence_leads l ON l.id = r.enrollment_id
        JOIN people p ON p.id = l.person_id
      """;

  private static final String LIST =
      SELECT
          + """
           WHERE r.workspace_id = ?
             AND (?::bigint IS NULL OR r.campaign_id = ?)
             AND (?::text IS NULL OR r.category = ?)
             AND (?::boolean IS NULL OR r.handled = ?)
             AND (?::bigint IS NULL OR r.handled > ? OR (r.handled = ? AND r.id < ?))
           ORDER BY r.handled, r.id DESC
           LIMIT ?
          """;

  private static final String FIND = SELECT + " WHERE r.workspace_id = ? AND r.id = ?";

  private static final String LOCK =
      "SELECT from_address, email_send_id, category_set_by FROM email_replies"
          + " WHERE workspace_id = ? AND id = ? FOR UPDATE";

  private static final String SET_CATEGORY =
      """
      UPDATE email_replies SET category = ?, category_set_by = ?, category_set_at = ?
       WHERE id = ?
      """;

  private static final String SET_HANDLED =
      """
      UPDATE email_replies
         SET handled = ?, handled_at = CASE WHEN ? THEN coalesce(handled_at, ?) END
       WHERE id = ?
      """;

  private record Locked(String fromAddress, Long sendId, String categorySetBy) {}

  private final Database database;

  public PostgresReplyStore(Database database) {
    this.database = database;
  }

  @Override
  public List<InboxReply> list(long workspaceId, InboxQuery q) {
    String category = q.category() == null ? null : q.category().wire();
    return database.withConnection(
        c ->
            Sql.query(
                c,
                LIST,
                PostgresReplyStore::reply,
                workspaceId,
                q.campaignId(),
                q.campaignId(),
                category,
                category,
                q.handled(),
                q.handled(),
                q.afterId(),
                q.afterHandled(),
                q.afterHandled(),
                q.afterId(),
                q.limit()));
  }

  @Override
  public Optional<InboxReply> find(long workspaceId, long replyId) {
    return database.withConnection(
        c -> Sql.queryOne(c, FIND, PostgresReplyStore::reply, workspaceId, replyId));
  }

  @Override
  public Optional<InboxReply> update(
      long workspaceId,
      long replyId,
      ReplyCategory category,
      String setBy,
      Boolean handled,
      Instant now) {
    return database.inTransaction(
        c -> {
          Optional<Locked> locked = lock(c, workspaceId, replyId);
          if (locked.isEmpty()) {
            return Optional.empty();
          }
          if (category != null) {
            setCategory(c, workspaceId, replyId, locked.get(), category, setBy, now);
          }
          if (handled != null) {
            Sql.update(c, SET_HANDLED, handled, handled, now, replyId);
          }
          return Sql.queryOne(c, FIND, PostgresReplyStore::reply, workspaceId, replyId);
        });
  }

  @Override
  public boolean categorizedByModel(
      long workspaceId, long replyId, ReplyCategory category, Instant now) {
    return database.inTransaction(
        c -> {
          Optional<Locked> locked = lock(c, workspaceId, replyId);
          if (locked.isEmpty() || !"keywords".equals(locked.get().categorySetBy())) {
            return false; // gone, or a person has set the category since
          }
          setCategory(c, workspaceId, replyId, locked.get(), category, "model", now);
          return true;
        });
  }

  private static Optional<Locked> lock(Connection c, long workspaceId, long replyId)
      throws SQLException {
    return Sql.queryOne(
        c,
        LOCK,
        rs ->
            new Locked(
                rs.getString("from_address"),
                Sql.nullableLong(rs, "email_send_id"),
                rs.getString("category_set_by")),
        workspaceId,
        replyId);
  }

  private static void setCategory(
      Connection c,
      long workspaceId,
      long replyId,
      Locked reply,
      ReplyCategory category,
      String setBy,
      Instant now)
      throws SQLException {
    Sql.update(c, SET_CATEGORY, category.wire(), setBy, now, replyId);
    if (category == ReplyCategory.UNSUBSCRIBE_REQUEST && !reply.fromAddress().isEmpty()) {
      PostgresInboundStore.suppressIn(
          c,
          workspaceId,
          reply.fromAddress().toLowerCase(Locale.ROOT),
          "unsubscribed",
          reply.sendId(),
          now);
    }
  }

  private static InboxReply reply(ResultSet rs) throws SQLException {
    String category = rs.getString("category");
    String body = rs.getString("body");
    return new InboxReply(
        rs.getLong("id"),
        rs.getLong("campaign_id"),
        rs.getString("campaign_name"),
        Sql.nullableLong(rs, "step_id"),
        rs.getLong("enrollment_id"),
        rs.getLong("person_id"),
        rs.getString("person_name"),
        rs.getString("from_address"),
        rs.getString("subject"),
        body == null ? "" : body,
        rs.getString("kind"),
        category == null ? null : ReplyCategory.parse(category).orElseThrow(),
        rs.getString("category_set_by"),
        Sql.instant(rs, "category_set_at"),
        rs.getBoolean("handled"),
        Sql.instant(rs, "handled_at"),
        Sql.instant(rs, "received_at"));
  }
}
