package com.campaignengine.store.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * PostgreSQL's own account of a run: the durability settings it ran with, and the WAL, commits and
 * row versions written between two snapshots ({@code pg_stat_wal}, {@code pg_stat_database}, {@code
 * pg_stat_user_tables}), so a rate is reported together with what each step cost.
 */
public final class DatabaseCounters {

  /** The settings that make commits durable; a bench with any of them off measures nothing. */
  public record Durability(String fsync, String synchronousCommit, String fullPageWrites) {
    public String json() {
      return String.format(
          Locale.ROOT,
          "\"fsync\": \"%s\", \"synchronous_commit\": \"%s\", \"full_page_writes\": \"%s\"",
          fsync,
          synchronousCommit,
          fullPageWrites);
    }
  }

  /** Cumulative counters at one instant (the statistics are flushed first). */
  public record Snapshot(
      long walRecords,
      long walBytes,
      long commits,
      long inserts,
      long updates,
      long hotUpdates,
      long deletes) {

    public Snapshot minus(Snapshot before) {
      return new Snapshot(
          walRecords - before.walRecords,
          walBytes - before.walBytes,
          commits - before.commits,
          inserts - before.inserts,
          updates - before.updates,
          hotUpdates - before.hotUpdates,
          deletes - before.deletes);
    }

    /** Per unit of work (a step): WAL records and bytes, commits, row versions written. */
    public String per(long steps, String what) {
      double n = Math.max(1, steps);
      return String.format(
          Locale.ROOT,
          "%.1f WAL records, %.0f WAL bytes, %.3f commits, %.2f rows inserted, %.2f updated"
              + " (%.0f%% HOT), %.2f deleted per %s",
          walRecords / n,
          walBytes / n,
          commits / n,
          inserts / n,
          updates / n,
          updates == 0 ? 0.0 : 100.0 * hotUpdates / updates,
          deletes / n,
          what);
    }
  }

  private static final String FLUSH = "SELECT pg_stat_clear_snapshot()";

  private static final String SNAPSHOT =
      """
      SELECT (SELECT wal_records FROM pg_stat_wal) AS wal_records,
             (SELECT wal_bytes FROM pg_stat_wal)::bigint AS wal_bytes,
             (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database())
                 AS commits,
             coalesce(sum(n_tup_ins), 0) AS inserts, coalesce(sum(n_tup_upd), 0) AS updates,
             coalesce(sum(n_tup_hot_upd), 0) AS hot_updates, coalesce(sum(n_tup_del), 0) AS deletes
        FROM pg_stat_user_tables
      """;

  private final Database database;

  public DatabaseCounters(Database database) {
    this.database = database;
  }

  public Durability durability() {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      return new Durability(
          show(s, "fsync"), show(s, "synchronous_commit"), show(s, "full_page_writes"));
    } catch (SQLException e) {
      return new Durability("unknown", "unknown", "unknown");
    }
  }

  /**
   * The counters now. Statistics reach the shared counters when a backend goes idle (at most a
   * second later on PostgreSQL 15+), so a snapshot taken right after work may miss its tail: the
   * bench takes its snapshots after the engine has been idle.
   */
  public Snapshot snapshot() {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(FLUSH);
      try (ResultSet rs = s.executeQuery(SNAPSHOT)) {
        rs.next();
        return new Snapshot(
            rs.getLong("wal_records"),
            rs.getLong("wal_bytes"),
            rs.getLong("commits"),
            rs.getLong("inserts"),
            rs.getLong("updates"),
            rs.getLong("hot_updates"),
            rs.getLong("deletes"));
      }
    } catch (SQLException e) {
      return null; // an older server without pg_stat_wal: the report says so
    }
  }

  private static String show(Statement s, String setting) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
