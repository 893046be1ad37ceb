package com.campaignengine.store.postgres;

import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.campaign.FreeMailDomains;
import com.campaignengine.campaign.ReplyCategory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records a reply and stops what it should stop, in the caller's transaction: the replier's
 * enrollment ({@code stop_on_reply}) and, with {@code stop_on_company_reply}, every active or
 * paused enrollment of the campaign whose person works at the same company — same company id, or
 * same email domain unless it is a free-mail domain. With the workspace's {@code stop_all_on_reply}
 * (rules across campaigns), the replier's enrollments in every other campaign stop too ({@code
 * replied_elsewhere}), in the same transaction.
 */
final class Replies {

  private static final String INSERT =
      """
      INSERT INTO email_replies (workspace_id, campaign_id, step_id, enrollment_id, email_send_id,
             mailbox_id, from_address, subject, message_id, kind, is_auto_reply, received_at,
             body, category, category_set_by, category_set_at)
      SELECT l.workspace_id, l.campaign_id, s.step_id, l.id, s.id, l.mailbox_id, ?, ?, ?, 'reply',
             false, ?, ?, ?, ?, CASE WHEN ?::text IS NULL THEN NULL ELSE ?::timestamptz END
        FROM campaign_sequence_leads l LEFT JOIN email_sends s ON s.id = ?
       WHERE l.id = ?
      ON CONFLICT DO NOTHING
      RETURNING id
      """;

  private static final String SETTINGS =
      """
      SELECT c.stop_on_reply, c.stop_on_company_reply, p.company_id, p.email_address, l.campaign_id,
             l.person_id,
             coalesce((SELECT w.stop_all_on_reply FROM workspace_settings w
                        WHERE w.workspace_id = l.workspace_id), false) AS stop_all_on_reply
        FROM campaign_sequence_leads l
        JOIN campaign_sequences c ON c.id = l.campaign_id
        JOIN people p ON p.id = l.person_id
       WHERE l.id = ?
      """;

  private static final String COLLEAGUES =
      """
      SELECT l.id FROM campaign_sequence_leads l JOIN people p ON p.id = l.person_id
       WHERE l.campaign_id = ? AND l.id <> ? AND l.status IN ('active', 'paused')
         AND ((?::bigint IS NOT NULL AND p.company_id = ?)
              OR (?::text IS NOT NULL AND lower(split_part(p.email_address, '@', 2)) = ?))
      """;

  /**
   * With the workspace's {@code stop_all_on_reply}: the replier's enrollments in the workspace's
   * other campaigns that may still run.
   */
  private static final String ELSEWHERE =
      """
      SELECT o.id FROM campaign_sequence_leads l
        JOIN campaign_sequence_leads o
          ON o.person_id = l.person_id AND o.workspace_id = l.workspace_id AND o.id <> l.id
       WHERE l.id = ? AND o.status IN ('active', 'paused', 'failed')
      """;

  private record Settings(
      boolean stopOnReply,
      boolean stopOnCompanyReply,
      Long companyId,
      String email,
      long campaignId,
      long personId,
      boolean stopAllOnReply) {}

  /** A reply recorded: its row's id, and the enrollments it stopped. */
  record Recorded(long replyId, long personId, List<Long> stopped) {}

  /** Returns the enrollments stopped; empty when this reply was recorded before. */
  static List<Long> record(
      Connection c,
      long enrollmentId,
      Long sendId,
      String from,
      String subject,
      String messageId,
      Instant now)
      throws SQLException {
    return record(c, enrollmentId, sendId, from, subject, messageId, null, null, now)
        .map(Recorded::stopped)
        .orElse(List.of());
  }

  /**
   * Records a reply with its trimmed body and the category the keyword rules gave it (both may be
   * null: a reply recorded by hand); empty when this reply was recorded before.
   */
  static Optional<Recorded> record(
      Connection c,
      long enrollmentId,
      Long sendId,
      String from,
      String subject,
      String messageId,
      String body,
      ReplyCategory category,
      Instant now)
      throws SQLException {
    String categoryText = category == null ? null : category.wire();
    String setBy = category == null ? null : "keywords";
    Optional<Long> inserted =
        Sql.queryOne(
            c,
            INSERT,
            rs -> rs.getLong("id"),
            from,
            subject,
            messageId,
            now,
            body,
            categoryText,
            setBy,
            categoryText,
            now,
            sendId,
            enrollmentId);
    if (inserted.isEmpty()) {
      return Optional.empty();
    }
    Settings s =
        Sql.queryOne(
                c,
                SETTINGS,
                rs ->
                    new Settings(
                        rs.getBoolean("stop_on_reply"),
                        rs.getBoolean("stop_on_company_reply"),
                        Sql.nullableLong(rs, "company_id"),
                        rs.getString("email_address"),
                        rs.getLong("campaign_id"),
                        rs.getLong("person_id"),
                        rs.getBoolean("stop_all_on_reply")),
                enrollmentId)
            .orElseThrow();
    List<Long> colleagues = new ArrayList<>();
    if (s.stopOnCompanyReply()) {
      String domain = FreeMailDomains.domainOf(s.email());
      String companyDomain = FreeMailDomains.isFreeMail(domain) ? null : domain;
      colleagues =
          Sql.query(
              c,
              COLLEAGUES,
              rs -> rs.getLong("id"),
              s.campaignId(),
              enrollmentId,
              s.companyId(),
              s.companyId(),
              companyDomain,
              companyDomain);
    }
    List<Long> elsewhere =
        s.stopAllOnReply()
            ? Sql.query(c, ELSEWHERE, rs -> rs.getLong("id"), enrollmentId)
            : List.of();
    List<Long> all = new ArrayList<>(colleagues);
    all.addAll(elsewhere);
    all.add(enrollmentId);
    // Every enrollment stopped here is locked first, together and in id order (EnrollmentMoves).
    EnrollmentMoves.lock(c, all);
    List<Long> stopped = new ArrayList<>();
    if ((s.stopOnReply() || s.stopAllOnReply())
        && EnrollmentMoves.move(c, enrollmentId, EnrollmentStatus.REPLIED, "replied", null, now)) {
      stopped.add(enrollmentId);
    }
    for (long other : elsewhere) {
      if (EnrollmentMoves.move(
          c, other, EnrollmentStatus.STOPPED, "replied_elsewhere", null, now)) {
        stopped.add(other);
      }
    }
    for (long colleague : colleagues) {
      if (EnrollmentMoves.move(
          c, colleague, EnrollmentStatus.STOPPED, "a colleague replied", null, now)) {
        stopped.add(colleague);
      }
    }
    return Optional.of(new Recorded(inserted.get(), s.personId(), stopped));
  }
}
