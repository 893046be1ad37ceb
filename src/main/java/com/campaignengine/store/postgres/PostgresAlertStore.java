package com.campaignengine.store.postgres;

import com.campaignengine.alerts.Alert;
import com.campaignengine.alerts.AlertRecord;
import com.campaignengine.alerts.AlertStatus;
import com.campaignengine.alerts.AlertStore;
import com.campaignengine.readmodel.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Alert state. Firing is an insert guarded by the partial unique index on firing alerts, resolving
 * an update of firing rows: of two nodes doing either at once, exactly one gets the row back.
 */
public final class PostgresAlertStore implements AlertStore {

  private static final String FIRE =
      """
      INSERT INTO alerts (workspace_id, alert_key, rule, subject, campaign_id, mailbox_id, message,
                          status, fired_at, last_seen_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'firing', ?, ?)
      ON CONFLICT (workspace_id, alert_key) WHERE status = 'firing' DO NOTHING
      RETURNING *
      """;

  private static final String SEEN =
      """
      UPDATE alerts a SET last_seen_at = ?, message = x.message
        FROM unnest(?::text[], ?::text[]) AS x(alert_key, message)
       WHERE a.workspace_id = ? AND a.status = 'firing' AND a.alert_key = x.alert_key
      """;

  private static final String RESOLVE =
      """
      UPDATE alerts SET status = 'resolved', resolved_at = ?, last_seen_at = ?
       WHERE workspace_id = ? AND status = 'firing'
         AND alert_key <> ALL(?) AND rule <> ALL(?)
      RETURNING *
      """;

  private static final String LIST =
      """
      SELECT * FROM alerts
       WHERE workspace_id = ? AND (?::text IS NULL OR status = ?) AND (? = 0 OR id < ?)
       ORDER BY id DESC
       LIMIT ?
      """;

  private final Database database;

  public PostgresAlertStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<AlertRecord> fire(long workspaceId, Alert alert, Instant now) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                c,
                FIRE,
                PostgresAlertStore::map,
                workspaceId,
                alert.key(),
                alert.rule(),
                alert.subject(),
                alert.campaignId(),
                alert.mailboxId(),
                alert.message(),
                now,
                now));
  }

  @Override
  public void seen(long workspaceId, Collection<Alert> alerts, Instant now) {
    if (alerts.isEmpty()) {
      return;
    }
    database.withConnection(
        c ->
            Sql.update(
                c,
                SEEN,
                now,
                alerts.stream().map(Alert::key).toArray(String[]::new),
                alerts.stream().map(Alert::message).toArray(String[]::new),
                workspaceId));
  }

  @Override
  public List<AlertRecord> resolveAllExcept(
      long workspaceId,
      Collection<String> stillFiring,
      Collection<String> unknownRules,
      Instant now) {
    List<AlertRecord> resolved =
        new ArrayList<>(
            database.withConnection(
                c ->
                    Sql.query(
                        c,
                        RESOLVE,
                        PostgresAlertStore::map,
                        now,
                        now,
                        workspaceId,
                        stillFiring.toArray(new String[0]),
                        unknownRules.toArray(new String[0]))));
    resolved.sort(Comparator.comparingLong(AlertRecord::id));
    return resolved;
  }

  @Override
  public Page<AlertRecord> list(long workspaceId, AlertStatus status, long beforeId, int limit) {
    String wire = status == null ? null : status.wireName();
    List<AlertRecord> rows =
        database.withConnection(
            c ->
                Sql.query(
                    c,
                    LIST,
                    PostgresAlertStore::map,
                    workspaceId,
                    wire,
                    wire,
                    beforeId,
                    beforeId,
                    limit + 1));
    return Pages.of(rows, limit, AlertRecord::id);
  }

  private static AlertRecord map(ResultSet rs) throws SQLException {
    return new AlertRecord(
        rs.getLong("id"),
        rs.getLong("workspace_id"),
        rs.getString("alert_key"),
        rs.getString("rule"),
        rs.getString("subject"),
        Sql.nullableLong(rs, "campaign_id"),
        Sql.nullableLong(rs, "mailbox_id"),
        rs.getString("message"),
        AlertStatus.fromWire(rs.getString("status")).orElseThrow(),
        Sql.instant(rs, "fired_at"),
        Sql.instant(rs, "resolved_at"),
        Sql.instant(rs, "last_seen_at"));
  }
}
