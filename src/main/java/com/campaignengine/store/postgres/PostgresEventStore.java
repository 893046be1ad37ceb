package com.campaignengine.store.postgres;

import com.campaignengine.readmodel.EventAction;
import com.campaignengine.readmodel.EventRule;
import com.campaignengine.readmodel.Page;
import com.campaignengine.readmodel.StoredEvent;
import com.campaignengine.store.EventStore;
import com.campaignengine.store.StoreException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Event rules, the events received with their actions, and the ATS webhook settings. */
public final class PostgresEventStore implements EventStore {
  /** The actions column in snake_case, as the API shows them. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private static final TypeReference<List<EventAction>> ACTIONS = new TypeReference<>() {};

  private static final String INSERT_RULE =
      """
      INSERT INTO event_rules (workspace_id, event_type, match, action, campaign_id, create_person,
                               created_at)
      VALUES (?, ?, ?::jsonb, ?, ?, ?, ?)
      RETURNING *
      """;

  private static final String RULES =
      """
      SELECT * FROM event_rules
       WHERE workspace_id = ? AND (?::text IS NULL OR event_type = ?)
       ORDER BY id
      """;

  private static final String DELETE_RULE =
      "DELETE FROM event_rules WHERE workspace_id = ? AND id = ?";

  private static final String INSERT_EVENT =
      """
      INSERT INTO events (workspace_id, person_id, event_type, source, data, actions, received_at)
      VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
      RETURNING *
      """;

  private static final String EVENTS =
      """
      SELECT * FROM events
       WHERE workspace_id = ? AND (?::bigint IS NULL OR person_id = ?) AND (? = 0 OR id < ?)
       ORDER BY id DESC
       LIMIT ?
      """;

  private static final String LIVE_ENROLLMENTS =
      """
      SELECT id FROM campaign_sequence_leads
       WHERE workspace_id = ? AND person_id = ? AND status IN ('active', 'paused')
       ORDER BY id
      """;

  private static final String PERSON_BY_CUSTOM =
      """
      SELECT id FROM people WHERE workspace_id = ? AND custom ->> ? = ? ORDER BY id LIMIT 1
      """;

  private static final String ATS = "SELECT * FROM ats_settings WHERE workspace_id = ?";

  private static final String ATS_BY_TOKEN = "SELECT * FROM ats_settings WHERE hook_token = ?";

  private static final String SAVE_ATS =
      """
      INSERT INTO ats_settings (workspace_id, hook_token, greenhouse_secret, lever_signature_token,
                                host_events_secret, updated_at)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (workspace_id) DO UPDATE
         SET greenhouse_secret = CASE WHEN ? THEN excluded.greenhouse_secret
                                      ELSE ats_settings.greenhouse_secret END,
             lever_signature_token = CASE WHEN ? THEN excluded.lever_signature_token
                                          ELSE ats_settings.lever_signature_token END,
             host_events_secret = CASE WHEN ? THEN excluded.host_events_secret
                                       ELSE ats_settings.host_events_secret END,
             updated_at = excluded.updated_at
      RETURNING *
      """;

  /** New, or remembered from before {@code forgetBefore} (as good as new): one row written. */
  private static final String SEE_DELIVERY =
      """
      INSERT INTO signed_deliveries_seen (workspace_id, source, signature_sha256, seen_at)
      VALUES (?, ?, ?, ?)
      ON CONFLICT (workspace_id, source, signature_sha256)
        DO UPDATE SET seen_at = excluded.seen_at WHERE signed_deliveries_seen.seen_at < ?
      """;

  private static final String FORGET_DELIVERY =
      """
      DELETE FROM signed_deliveries_seen
       WHERE workspace_id = ? AND source = ? AND signature_sha256 = ?
      """;

  private final Database database;

  public PostgresEventStore(Database database) {
    this.database = database;
  }

  @Override
  public EventRule createRule(
      long workspaceId,
      String eventType,
      Map<String, String> match,
      String action,
      Long campaignId,
      boolean createPerson,
      Instant now) {
    return database.inTransaction(
        c ->
            Sql.queryOne(
                    c,
                    INSERT_RULE,
                    PostgresEventStore::rule,
                    workspaceId,
                    eventType,
                    JsonColumns.write(match),
                    action,
                    campaignId,
                    createPerson,
                    now)
                .orElseThrow());
  }

  @Override
  public List<EventRule> rules(long workspaceId, String eventType) {
    return database.withConnection(
        c -> Sql.query(c, RULES, PostgresEventStore::rule, workspaceId, eventType, eventType));
  }

  @Override
  public boolean deleteRule(long workspaceId, long ruleId) {
    return database.inTransaction(c -> Sql.update(c, DELETE_RULE, workspaceId, ruleId) > 0);
  }

  @Override
  public StoredEvent record(
      long workspaceId,
      long personId,
      String type,
      String source,
      String dataJson,
      List<EventAction> actions,
      Instant now) {
    String actionsJson;
    try {
      actionsJson = MAPPER.writeValueAsString(actions);
    } catch (JsonProcessingException e) {
      throw new StoreException("could not write an event's actions as JSON", e);
    }
    return database.inTransaction(
        c ->
            Sql.queryOne(
                    c,
                    INSERT_EVENT,
                    PostgresEventStore::event,
                    workspaceId,
                    personId,
                    type,
                    source,
                    dataJson,
                    actionsJson,
                    now)
                .orElseThrow());
  }

  @Override
  public Page<StoredEvent> events(long workspaceId, Long personId, long beforeId, int limit) {
    List<StoredEvent> rows =
        database.withConnection(
            c ->
                Sql.query(
                    c,
                    EVENTS,
                    PostgresEventStore::event,
                    workspaceId,
                    personId,
                    personId,
                    beforeId,
                    beforeId,
                    limit + 1));
    return Pages.of(rows, limit, StoredEvent::id);
  }

  @Override
  public List<Long> liveEnrollments(long workspaceId, long personId) {
    return database.withConnection(
        c -> Sql.query(c, LIVE_ENROLLMENTS, rs -> rs.getLong("id"), workspaceId, personId));
  }

  @Override
  public Optional<Long> personByCustomField(long workspaceId, String key, String value) {
    return database.withConnection(
        c -> Sql.queryOne(c, PERSON_BY_CUSTOM, rs -> rs.getLong("id"), workspaceId, key, value));
  }

  @Override
  public Optional<AtsSettings> ats(long workspaceId) {
    return database.withConnection(c -> Sql.queryOne(c, ATS, PostgresEventStore::ats, workspaceId));
  }

  @Override
  public Optional<AtsSettings> atsByToken(String hookToken) {
    return database.withConnection(
        c -> Sql.queryOne(c, ATS_BY_TOKEN, PostgresEventStore::ats, hookToken));
  }

  @Override
  public AtsSettings saveAts(
      long workspaceId,
      String newToken,
      boolean setGreenhouse,
      byte[] greenhouseSecret,
      boolean setLever,
      byte[] leverSignatureToken,
      boolean setHost,
      byte[] hostEventsSecret,
      Instant now) {
    return database.inTransaction(
        c ->
            Sql.queryOne(
                    c,
                    SAVE_ATS,
                    PostgresEventStore::ats,
                    workspaceId,
                    newToken,
                    greenhouseSecret,
                    leverSignatureToken,
                    hostEventsSecret,
                    now,
                    setGreenhouse,
                    setLever,
                    setHost)
                .orElseThrow());
  }

  @Override
  public boolean firstDelivery(
      long workspaceId, String source, byte[] signatureSha256, Instant now, Instant forgetBefore) {
    return database.withConnection(
        c ->
            Sql.update(c, SEE_DELIVERY, workspaceId, source, signatureSha256, now, forgetBefore)
                == 1);
  }

  @Override
  public void forgetDelivery(long workspaceId, String source, byte[] signatureSha256) {
    database.withConnection(
        c -> Sql.update(c, FORGET_DELIVERY, workspaceId, source, signatureSha256));
  }

  private static EventRule rule(ResultSet rs) throws SQLException {
    return new EventRule(
        rs.getLong("id"),
        rs.getString("event_type"),
        JsonColumns.stringMap(rs.getString("match")),
        rs.getString("action"),
        Sql.nullableLong(rs, "campaign_id"),
        rs.getBoolean("create_person"),
        Sql.instant(rs, "created_at"));
  }

  private static StoredEvent event(ResultSet rs) throws SQLException {
    List<EventAction> actions;
    try {
      actions = MAPPER.readValue(rs.getString("actions"), ACTIONS);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored actions of an event are not readable", e);
    }
    return new StoredEvent(
        rs.getLong("id"),
        rs.getLong("person_id"),
        rs.getString("event_type"),
        rs.getString("source"),
        rs.getString("data"),
        actions,
        Sql.instant(rs, "received_at"));
  }

  private static AtsSettings ats(ResultSet rs) throws SQLException {
    return new AtsSettings(
        rs.getLong("workspace_id"),
        rs.getString("hook_token"),
        rs.getBytes("greenhouse_secret"),
        rs.getBytes("lever_signature_token"),
        rs.getBytes("host_events_secret"));
  }
}
