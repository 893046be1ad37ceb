package com.campaignengine.store.postgres;

import com.campaignengine.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installations before the engine had a schema of its own kept its tables in {@code public}. On the
 * first start of this version they move, once, into the engine's schema: every table of the
 * migrations up to then (with their indexes, constraints, identity sequences and triggers), the
 * trigger functions, and Flyway's history, in one transaction, so a crash leaves either the old
 * layout or the new one. Nothing else in {@code public} is touched.
 *
 * <p>The lists below are what migrations V001 to V015 create; a migration from V016 on creates its
 * objects in the engine's schema, so the lists never grow.
 */
final class LegacyLayout {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyLayout.class);

  static final List<String> TABLES =
      List.of(
          "workspaces",
          "api_keys",
          "mailboxes",
          "companies",
          "people",
          "campaign_sequences",
          "campaign_sequence_mailboxes",
          "campaign_sequence_steps",
          "campaign_sequence_leads",
          "campaign_sequence_executions",
          "email_sends",
          "email_replies",
          "email_events",
          "engine_events",
          "suppressions",
          "inbound_checkpoints",
          "email_bounces",
          "personalization_cache",
          "personalization_budget",
          "alerts",
          "dashboard_sessions",
          "campaign_step_rollups",
          "workspace_holidays",
          "webhook_subscriptions",
          "webhook_deliveries",
          "workspace_settings");

  static final List<String> FUNCTIONS =
      List.of(
          "webhook_wanted",
          "webhook_capture_sent",
          "webhook_capture_engagement",
          "webhook_capture_reply",
          "webhook_capture_bounce",
          "webhook_capture_unsubscribe",
          "webhook_capture_finish");

  /** The key of the advisory lock that lets one starting node move while the others wait. */
  private static final long LOCK = 0x63616d705f6d7631L; // "camp_mv1"

  private LegacyLayout() {}

  /**
   * Moves an earlier version's tables from {@code public} into {@code schema}, if there are any.
   */
  static void moveIntoSchema(DataSource dataSource, String schema) {
    if (schema.equals("public")) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (move(connection, schema)) {
          connection.commit();
        } else {
          connection.rollback();
        }
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(
          "could not move the engine's tables from public into " + schema + ": " + e.getMessage(),
          e,
          Database.transientFailure(e));
    }
  }

  private static boolean move(Connection connection, String schema) throws SQLException {
    try (Statement lock = connection.createStatement()) {
      lock.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
    }
    if (!earlierLayout(connection, schema)) {
      return false;
    }
    List<String> moved = new ArrayList<>();
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      for (String table : TABLES) {
        if (exists(connection, "public." + table)) {
          ddl.execute("ALTER TABLE public." + table + " SET SCHEMA " + schema);
          moved.add(table);
        }
      }
      for (String function : functions(connection)) {
        ddl.execute("ALTER FUNCTION " + function + " SET SCHEMA " + schema);
      }
      ddl.execute("ALTER TABLE public.flyway_schema_history SET SCHEMA " + schema);
    }
    LOG.info(
        "Moved the engine's {} tables and its migration history from public into schema {}",
        moved.size(),
        schema);
    return true;
  }

  /**
   * The engine's tables and Flyway history in public, and no history yet in the engine's schema.
   * Another application's Flyway history in public, without the engine's tables, is not it.
   */
  private static boolean earlierLayout(Connection connection, String schema) throws SQLException {
    if (!exists(connection, "public.flyway_schema_history")
        || !exists(connection, "public.workspaces")
        || !exists(connection, "public.campaign_sequence_executions")
        || exists(connection, schema + ".flyway_schema_history")) {
      return false;
    }
    try (Statement query = connection.createStatement();
        ResultSet ours =
            query.executeQuery(
                "SELECT 1 FROM public.flyway_schema_history"
                    + " WHERE script = 'V001__core_schema.sql' AND success")) {
      return ours.next();
    }
  }

  private static boolean exists(Connection connection, String qualifiedName) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?)")) {
      query.setString(1, qualifiedName);
      try (ResultSet row = query.executeQuery()) {
        return row.next() && row.getString(1) != null;
      }
    }
  }

  /** The engine's functions in public, each as name(argument types). */
  private static List<String> functions(Connection connection) throws SQLException {
    List<String> functions = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT format('public.%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid))"
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = 'public' AND p.proname = ANY(?)")) {
      query.setArray(1, connection.createArrayOf("text", FUNCTIONS.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          functions.add(rows.getString(1));
        }
      }
    }
    return functions;
  }
}
