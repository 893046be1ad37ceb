package com.campaignengine.store.postgres;

import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.store.PersonStore.Erasure;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything stored about one person, read whole (an export, as JSON built by PostgreSQL: every
 * column as stored) or erased: the person row goes, their enrollments stop, and their name, address
 * and custom fields leave their sends, replies, tasks, bounces, cached personalizations and webhook
 * payloads. What remains (counts, times, ids) no longer identifies them.
 */
final class PersonData {

  private static final String EXPORT =
      """
      WITH p AS (SELECT * FROM people WHERE workspace_id = ? AND id = ?),
           l AS (SELECT * FROM campaign_sequence_leads WHERE person_id = (SELECT id FROM p)),
           s AS (SELECT * FROM email_sends WHERE enrollment_id IN (SELECT id FROM l))
      SELECT jsonb_build_object(
        'person', (SELECT to_jsonb(p) FROM p),
        'company', (SELECT to_jsonb(c) FROM companies c WHERE c.id = (SELECT company_id FROM p)),
        'enrollments', coalesce((SELECT jsonb_agg(to_jsonb(l) ORDER BY l.id) FROM l), '[]'),
        'executions', coalesce((SELECT jsonb_agg(to_jsonb(e) ORDER BY e.id)
                                  FROM campaign_sequence_executions e
                                 WHERE e.enrollment_id IN (SELECT id FROM l)), '[]'),
        'step_log', coalesce((SELECT jsonb_agg(to_jsonb(g) ORDER BY g.executed_at, g.execution_id)
                                FROM campaign_step_log g
                               WHERE g.enrollment_id IN (SELECT id FROM l)), '[]'),
        'sends', coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s.id) FROM s), '[]'),
        'events', coalesce((SELECT jsonb_agg(to_jsonb(v) ORDER BY v.id) FROM email_events v
                             WHERE v.enrollment_id IN (SELECT id FROM l)), '[]'),
        'replies', coalesce((SELECT jsonb_agg(to_jsonb(r) ORDER BY r.id) FROM email_replies r
                              WHERE r.enrollment_id IN (SELECT id FROM l)), '[]'),
        'bounces', coalesce((SELECT jsonb_agg(to_jsonb(b) ORDER BY b.id) FROM email_bounces b
                              WHERE b.email_send_id IN (SELECT id FROM s)
                                 OR (b.workspace_id = (SELECT workspace_id FROM p)
                                     AND lower(b.recipient) = (SELECT lower(email_address) FROM p))),
                            '[]'),
        'suppressions', coalesce((SELECT jsonb_agg(to_jsonb(x)) FROM suppressions x
                                   WHERE x.workspace_id = (SELECT workspace_id FROM p)
                                     AND x.email = (SELECT lower(email_address) FROM p)), '[]'),
        'tasks', coalesce((SELECT jsonb_agg(to_jsonb(k) ORDER BY k.id) FROM campaign_tasks k
                            WHERE k.enrollment_id IN (SELECT id FROM l)), '[]'),
        'trigger_events', coalesce((SELECT jsonb_agg(to_jsonb(t) ORDER BY t.id) FROM events t
                                     WHERE t.person_id = (SELECT id FROM p)), '[]'),
        'personalizations', coalesce((SELECT jsonb_agg(to_jsonb(a)) FROM personalization_cache a
                                       WHERE a.person_id = (SELECT id FROM p)), '[]'),
        'webhook_deliveries', coalesce((SELECT jsonb_agg(to_jsonb(w) ORDER BY w.id)
                                          FROM webhook_deliveries w
                                         WHERE w.workspace_id = (SELECT workspace_id FROM p)
                                           AND w.payload ->> 'person_id' = (SELECT id FROM p)::text),
                                       '[]'))::text AS export
        FROM p
      """;

  private static final String LOCK_PERSON =
      "SELECT email_address FROM people WHERE workspace_id = ? AND id = ? FOR UPDATE";

  private static final String ENROLLMENTS =
      "SELECT id FROM campaign_sequence_leads WHERE workspace_id = ? AND person_id = ? ORDER BY id";

  private static final String REDACT_SENDS =
      """
      UPDATE email_sends SET to_address = '', subject = '', body_text = NULL, links = NULL,
             error = NULL
       WHERE enrollment_id = ANY(?)
      """;

  /** A task's instructions were rendered with the person's fields; its outcome may quote them. */
  private static final String REDACT_TASKS =
      "UPDATE campaign_tasks SET instructions = '', outcome = NULL WHERE enrollment_id = ANY(?)";

  private static final String REDACT_REPLIES =
      """
      UPDATE email_replies SET from_address = '', subject = NULL, message_id = NULL, body = NULL
       WHERE enrollment_id = ANY(?)
      """;

  private static final String REDACT_BOUNCES =
      """
      UPDATE email_bounces SET recipient = '', diagnostic = NULL
       WHERE email_send_id IN (SELECT id FROM email_sends WHERE enrollment_id = ANY(?))
          OR (workspace_id = ? AND lower(recipient) = ?)
      """;

  /** The address's suppression, if any, becomes its hash (with its reason); else 'erased'. */
  private static final String SUPPRESS_HASH =
      "INSERT INTO suppressions (workspace_id, email, reason, created_at) SELECT ?, "
          + Suppressions.HASH_OF_PARAMETER
          + """
          , coalesce((SELECT reason FROM suppressions WHERE workspace_id = ? AND email = ?),
                     'erased'), ?
          ON CONFLICT (workspace_id, email) DO NOTHING
          """;

  private static final String UNSUPPRESS_HASH =
      "DELETE FROM suppressions WHERE workspace_id = ? AND email = "
          + Suppressions.HASH_OF_PARAMETER;

  private static final String UNSUPPRESS =
      "DELETE FROM suppressions WHERE workspace_id = ? AND email = ?";

  private static final String FORGET_PERSONALIZATIONS =
      "DELETE FROM personalization_cache WHERE person_id = ?";

  /** What identifies the person in a webhook event's payload (the event and its ids stay). */
  private static final String REDACT_WEBHOOKS =
      """
      UPDATE webhook_deliveries
         SET payload = payload - ARRAY['email', 'subject', 'from_address', 'recipient',
                                       'diagnostic', 'url', 'reply_message_id', 'instructions',
                                       'outcome']
       WHERE workspace_id = ? AND payload ->> 'person_id' = ?
      """;

  private static final String DELETE_PERSON = "DELETE FROM people WHERE id = ?";

  private PersonData() {}

  static Optional<String> export(Connection c, long workspaceId, long personId)
      throws SQLException {
    return Sql.queryOne(c, EXPORT, rs -> rs.getString("export"), workspaceId, personId);
  }

  static Optional<Erasure> erase(
      Connection c, long workspaceId, long personId, boolean keepSuppressed, Instant now)
      throws SQLException {
    Optional<String> found =
        Sql.queryOne(c, LOCK_PERSON, rs -> rs.getString("email_address"), workspaceId, personId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String address = found.get().toLowerCase(Locale.ROOT);
    List<Long> enrollments =
        Sql.query(c, ENROLLMENTS, rs -> rs.getLong("id"), workspaceId, personId);
    Long[] ids = Sql.longs(enrollments);
    // The enrollments are locked first (id order, as every writer does): a send being prepared
    // either committed before (and is redacted below) or finds the enrollment stopped.
    EnrollmentMoves.lock(c, enrollments);
    ExecutionRows.redactErrors(c, ids); // before the stop writes its own reason there
    List<Long> stopped =
        EnrollmentMoves.moveAll(c, enrollments, EnrollmentStatus.STOPPED, "person erased", now);
    int sends = Sql.update(c, REDACT_SENDS, (Object) ids);
    int replies = Sql.update(c, REDACT_REPLIES, (Object) ids);
    Sql.update(c, REDACT_TASKS, (Object) ids);
    Sql.update(c, REDACT_BOUNCES, ids, workspaceId, address);
    if (keepSuppressed) {
      Sql.update(c, SUPPRESS_HASH, workspaceId, address, workspaceId, address, now);
    } else {
      Sql.update(c, UNSUPPRESS_HASH, workspaceId, address);
    }
    Sql.update(c, UNSUPPRESS, workspaceId, address);
    Sql.update(c, FORGET_PERSONALIZATIONS, personId);
    Sql.update(c, REDACT_WEBHOOKS, workspaceId, Long.toString(personId));
    Sql.update(c, DELETE_PERSON, personId);
    return Optional.of(new Erasure(stopped.size(), sends, replies, keepSuppressed));
  }
}
