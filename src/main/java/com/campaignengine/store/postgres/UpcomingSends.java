package com.campaignengine.store.postgres;

import com.campaignengine.readmodel.UpcomingSend;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A campaign's next pending executions in due order, with the person and mailbox of each. */
final class UpcomingSends {
  private UpcomingSends() {}

  private static final String UPCOMING =
      """
      SELECT x.id, x.enrollment_id, x.scheduled_at, x.attempts, x.error_class, st.step_key, st.step_type,
             p.email_address, m.email AS mailbox_email
        FROM campaign_sequence_executions x
        JOIN campaign_sequence_steps st ON st.id = x.step_id
        JOIN campaign_sequence_leads l ON l.id = x.enrollment_id
        JOIN people p ON p.id = l.person_id
        JOIN mailboxes m ON m.id = l.mailbox_id
       WHERE x.campaign_id = ? AND x.status = 'pending'
       ORDER BY x.scheduled_at, x.id
       LIMIT ?
      """;

  static List<UpcomingSend> read(Connection c, long campaignId, int limit) throws SQLException {
    return Sql.query(
        c,
        UPCOMING,
        rs ->
            new UpcomingSend(
                rs.getLong("id"),
                rs.getLong("enrollment_id"),
                rs.getString("step_key"),
                rs.getString("step_type"),
                rs.getString("email_address"),
                rs.getString("mailbox_email"),
                Sql.instant(rs, "scheduled_at"),
                rs.getInt("attempts"),
                UpcomingSend.stateOf(rs.getString("error_class"))),
        campaignId,
        limit);
  }
}
