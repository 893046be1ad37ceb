package com.campaignengine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.access.AuditEntry;
import com.campaignengine.access.AuditScope;
import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit row's transaction semantics, at the one place that writes it: {@link Database}. A
 * request's row is written once, in its first transaction that commits a change, and nowhere else.
 */
class AuditTransactionsTest {
  private static final Instant NOW = Instant.parse("2026-03-02T14:00:00Z");
  private TestNode app;
  private Database database;
  private long workspace;

  @BeforeEach
  void start(@TempDir Path dir) {
    app = TestApplications.open(dir, new MutableClock(NOW), null);
    app.workspaces.createFirstWorkspace("audit-test-key-0123456789");
    workspace = app.workspaces.authenticate("audit-test-key-0123456789").orElseThrow();
    database = app.database();
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private AuditScope open() {
    return AuditScope.open(
        new AuditEntry(
            Principal.serviceKey(workspace, Role.OWNER, 1, "key:test (ce_test)"),
            "PUT",
            "/api/v1/settings/retention",
            "settings.retention.update",
            "settings",
            null,
            false,
            NOW));
  }

  private long rows() {
    return Sql.count(database.dataSource(), "SELECT count(*) FROM audit_log");
  }

  private void write(int days) {
    database.inTransaction(
        c ->
            com.campaignengine.store.postgres.Sql.update(
                c,
                "INSERT INTO workspace_settings (workspace_id, retention_days, updated_at)"
                    + " VALUES (?, ?, now()) ON CONFLICT (workspace_id)"
                    + " DO UPDATE SET retention_days = excluded.retention_days",
                workspace,
                days));
  }

  @Test
  void reads_record_nothing_and_the_first_committed_change_records_the_request_once() {
    try (AuditScope scope = open()) {
      database.inTransaction(
          c ->
              com.campaignengine.store.postgres.Sql.query(
                  c, "SELECT id FROM workspaces", rs -> rs.getLong(1)));
      database.withConnection(
          c ->
              com.campaignengine.store.postgres.Sql.query(
                  c, "SELECT id FROM workspaces", rs -> rs.getLong(1)));
      assertThat(rows()).as("only reads so far").isZero();
      assertThat(scope.recorded()).isFalse();

      write(7);
      assertThat(rows()).isEqualTo(1);
      assertThat(scope.recorded()).isTrue();
      write(8); // a second transaction of the same request
      assertThat(rows()).as("one row per request").isEqualTo(1);
    }
    write(9); // no request: the engine, a duty
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void a_change_rolled_back_records_nothing_and_leaves_the_entry_for_the_next_commit() {
    try (AuditScope scope = open()) {
      assertThatThrownBy(
              () ->
                  database.inTransaction(
                      c -> {
                        com.campaignengine.store.postgres.Sql.update(
                            c,
                            "INSERT INTO workspace_settings (workspace_id, retention_days,"
                                + " updated_at) VALUES (?, 3, now())",
                            workspace);
                        throw new IllegalStateException("fails after the change");
                      }))
          .isInstanceOf(IllegalStateException.class);
      assertThat(rows()).isZero();
      assertThat(scope.recorded()).isFalse();

      // An autocommitted statement of the request is recorded with its change.
      database.withConnection(
          c ->
              com.campaignengine.store.postgres.Sql.update(
                  c,
                  "INSERT INTO workspace_settings (workspace_id, retention_days, updated_at)"
                      + " VALUES (?, 5, now())",
                  workspace));
      assertThat(rows()).isEqualTo(1);
    }
  }
}
