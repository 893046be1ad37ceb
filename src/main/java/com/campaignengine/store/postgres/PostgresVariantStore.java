package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Step;
import com.campaignengine.readmodel.CampaignStats.VariantStats;
import com.campaignengine.store.VariantStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A/B figures from the sends (each records its variant) and the winners on the step rows. */
public final class PostgresVariantStore implements VariantStore {

  /**
   * Unique sends per variant that were opened by a person, clicked, replied to (not by a robot).
   */
  private static final String COUNTS =
      """
      SELECT s.step_id, s.variant_key, count(*) AS sent, count(o.email_send_id) AS opened,
             count(k.email_send_id) AS clicked, count(r.email_send_id) AS replied
        FROM email_sends s
        LEFT JOIN (SELECT DISTINCT email_send_id FROM email_events
                    WHERE campaign_id = ? AND event_type = 'opened' AND NOT likely_machine) o
               ON o.email_send_id = s.id
        LEFT JOIN (SELECT DISTINCT email_send_id FROM email_events
                    WHERE campaign_id = ? AND event_type = 'clicked') k
               ON k.email_send_id = s.id
        LEFT JOIN (SELECT DISTINCT email_send_id FROM email_replies
                    WHERE campaign_id = ? AND NOT is_auto_reply) r
               ON r.email_send_id = s.id
       WHERE s.campaign_id = ? AND s.variant_key IS NOT NULL AND s.status = 'sent'
       GROUP BY s.step_id, s.variant_key
      """;

  private static final String UNDECIDED =
      """
      SELECT st.id, st.campaign_id, st.step_key, st.winner_metric, st.winner_after_sends,
             st.variants
        FROM campaign_sequence_steps st
        JOIN campaign_sequences c ON c.id = st.campaign_id AND c.version = st.version
       WHERE st.winner_metric IS NOT NULL AND st.winner_variant IS NULL AND c.status = 'active'
       ORDER BY st.id
      """;

  private static final String CHOOSE =
      """
      UPDATE campaign_sequence_steps SET winner_variant = ?, winner_chosen_at = ?
       WHERE id = ? AND winner_variant IS NULL
      """;

  private final Database database;

  public PostgresVariantStore(Database database) {
    this.database = database;
  }

  @Override
  public Map<Long, Map<String, VariantStats>> counts(long campaignId) {
    return database.withConnection(c -> counts(c, campaignId));
  }

  static Map<Long, Map<String, VariantStats>> counts(Connection c, long campaignId)
      throws SQLException {
    Map<Long, Map<String, VariantStats>> counts = new HashMap<>();
    Sql.query(
        c,
        COUNTS,
        rs ->
            counts
                .computeIfAbsent(rs.getLong("step_id"), k -> new HashMap<>())
                .put(
                    rs.getString("variant_key"),
                    new VariantStats(
                        rs.getString("variant_key"),
                        0,
                        rs.getLong("sent"),
                        rs.getLong("opened"),
                        rs.getLong("clicked"),
                        rs.getLong("replied"))),
        campaignId,
        campaignId,
        campaignId,
        campaignId);
    return counts;
  }

  @Override
  public List<Contest> undecided() {
    return database.withConnection(
        c ->
            Sql.query(
                c,
                UNDECIDED,
                rs ->
                    new Contest(
                        rs.getLong("campaign_id"),
                        rs.getLong("id"),
                        rs.getString("step_key"),
                        new Step.WinnerRule(
                            rs.getString("winner_metric"), rs.getInt("winner_after_sends")),
                        JsonColumns.variants(rs.getString("variants")))));
  }

  @Override
  public boolean chooseWinner(long stepId, String variantKey, Instant now) {
    return database.withConnection(c -> Sql.update(c, CHOOSE, variantKey, now, stepId) == 1);
  }
}
