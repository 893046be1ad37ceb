package com.campaignengine.store.postgres;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.campaignengine.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording a provider's answer on a send (V023) can be a HOT update: no index of email_sends names
 * a column that the answer writes, in its key or in its predicate, and each page keeps room for the
 * row's new version. Before V023 five indexes named {@code status} or {@code sent_at}, and every
 * answer wrote an entry into each of the table's ten indexes.
 */
class SendResultUpdateTest {
  /** What {@code Completions.RECORD_SENDS} and the hand-over's marks write after the insert. */
  private static final Set<String> WRITTEN_AFTER_INSERT =
      Set.of("status", "provider_message_id", "provider_thread_id", "error", "sent_at");

  @TempDir Path dataDir;

  @Test
  void no_index_of_email_sends_names_a_column_the_send_result_writes() throws Exception {
    String url = TestPostgres.newDatabaseUrl();
    InMemoryTransport transport = new InMemoryTransport();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T14:00:00Z"));
    try (TestNode app =
        TestApplications.open(url, dataDir, clock, mailbox -> transport, "node-a")) {
      Scenario scenario = new Scenario(app);
      Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
      scenario.enroll(campaign, scenario.people(3));
      app.engine().runUntilIdle();
      assertThat(transport.sentCount()).isEqualTo(3);
    }

    List<String> offending = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              """
              SELECT i.indexrelid::regclass::text AS index, a.attname AS column
                FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum > 0
               WHERE i.indrelid = 'campaign_engine.email_sends'::regclass
                 AND (a.attnum = ANY (i.indkey)
                      OR pg_get_expr(i.indpred, i.indrelid) ~ ('\\m' || a.attname || '\\M')
                      OR pg_get_expr(i.indexprs, i.indrelid) ~ ('\\m' || a.attname || '\\M'))
              """)) {
        while (rs.next()) {
          if (WRITTEN_AFTER_INSERT.contains(rs.getString("column"))) {
            offending.add(rs.getString("index") + " names " + rs.getString("column"));
          }
        }
      }
      assertThat(offending).isEmpty();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT reloptions::text FROM pg_class WHERE oid = 'campaign_engine.email_sends'::regclass")) {
        rs.next();
        assertThat(rs.getString(1)).contains("fillfactor=50");
      }
      // The sends are all there, sent, and found through the indexes that replaced the old ones.
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*) FROM campaign_engine.email_sends WHERE status = 'sent' AND sent_at IS NOT NULL")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
    }
  }
}
