package com.campaignengine.store.postgres;

import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.Person;
import com.campaignengine.store.RunContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Loads, for a batch of enrollments, what their steps need: one query. */
final class RunContexts {

  private static final String LOAD =
      """
      SELECT l.id AS enrollment_id, l.status AS enrollment_status,
             p.id AS person_id, p.workspace_id, p.email_address, p.first_name, p.last_name,
             p.title, p.timezone, p.custom::text AS custom,
             c.id AS company_id, c.name AS company_name, c.domain AS company_domain,
             m.id AS mailbox_id, m.provider, m.email AS mailbox_email, m.display_name,
             m.daily_limit, m.hourly_limit, m.min_gap_seconds, m.max_gap_seconds,
             m.status AS mailbox_status, m.timezone AS mailbox_timezone,
             m.settings::text AS mailbox_settings, m.settings_version, m.status_reason
        FROM campaign_sequence_leads l
        JOIN people p ON p.id = l.person_id
        LEFT JOIN companies c ON c.id = p.company_id
        JOIN mailboxes m ON m.id = l.mailbox_id
       WHERE l.id = ANY(?)
      """;

  /** What an inline step needs: the enrollment's status and the person, not the mailbox. */
  private static final String LOAD_PEOPLE =
      """
      SELECT l.id AS enrollment_id, l.status AS enrollment_status,
             p.id AS person_id, p.workspace_id, p.email_address, p.first_name, p.last_name,
             p.title, p.timezone, p.custom::text AS custom,
             c.id AS company_id, c.name AS company_name, c.domain AS company_domain
        FROM campaign_sequence_leads l
        JOIN people p ON p.id = l.person_id
        LEFT JOIN companies c ON c.id = p.company_id
       WHERE l.id = ANY(?)
      """;

  Map<Long, RunContext> loadPeople(Connection c, Collection<Long> enrollmentIds)
      throws SQLException {
    Map<Long, RunContext> contexts = new HashMap<>();
    Sql.query(
        c,
        LOAD_PEOPLE,
        rs ->
            contexts.put(
                rs.getLong("enrollment_id"),
                new RunContext(
                    rs.getLong("enrollment_id"),
                    EnrollmentStatus.fromWire(rs.getString("enrollment_status")),
                    PostgresPersonStore.map(rs, "person_id", "custom"),
                    null)),
        (Object) Sql.longs(enrollmentIds));
    return contexts;
  }

  Map<Long, RunContext> load(Connection c, Collection<Long> enrollmentIds) throws SQLException {
    Map<Long, RunContext> contexts = new HashMap<>();
    Sql.query(
        c,
        LOAD,
        rs -> contexts.put(rs.getLong("enrollment_id"), map(rs)),
        (Object) Sql.longs(enrollmentIds));
    return contexts;
  }

  /**
   * A mailbox's parsed settings, kept per settings version: a batch parses each once, not per row.
   */
  private record Settings(int version, Map<String, Object> values) {}

  private static final int SETTINGS_KEPT = 10_000;
  private final Map<Long, Settings> settings = new java.util.concurrent.ConcurrentHashMap<>();

  private Map<String, Object> settings(long mailboxId, int version, String json) {
    Settings known = settings.get(mailboxId);
    if (known != null && known.version() == version) {
      return known.values();
    }
    if (settings.size() >= SETTINGS_KEPT) {
      settings.clear();
    }
    Map<String, Object> parsed = Map.copyOf(JsonColumns.objectMap(json));
    settings.put(mailboxId, new Settings(version, parsed));
    return parsed;
  }

  private RunContext map(ResultSet rs) throws SQLException {
    Person person = PostgresPersonStore.map(rs, "person_id", "custom");
    Mailbox mailbox = PostgresMailboxStore.map(rs, "mailbox_", this::settings);
    return new RunContext(
        rs.getLong("enrollment_id"),
        EnrollmentStatus.fromWire(rs.getString("enrollment_status")),
        person,
        mailbox);
  }
}
