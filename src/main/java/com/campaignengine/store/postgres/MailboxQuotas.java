package com.campaignengine.store.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-mailbox limits enforced in the database, so they hold with any number of nodes: the mailbox
 * row is locked while a batch takes its share of the daily cap (per local day of the mailbox), the
 * hourly cap and the random gap between sends. What does not fit is deferred to the earliest
 * instant it may go, never failed. A reservation is taken when a batch reserves its sends; the node
 * that took it gives it back for a send it never hands over ({@link #giveBack}). One abandoned by a
 * crash still counts until the mailbox's day (or hour) ends: the cap may go under-used for the rest
 * of that day, never exceeded.
 */
final class MailboxQuotas {

  /** For one execution: go now, wait until {@code deferUntil}, or hold (disconnected). */
  record Decision(boolean go, Instant deferUntil, boolean parked) {
    static final Decision GO = new Decision(true, null, false);
    static final Decision PARKED = new Decision(false, null, true);

    static Decision deferUntil(Instant at) {
      return new Decision(false, at, false);
    }
  }

  private static final String LOCK =
      """
      SELECT id, status, timezone, daily_limit, hourly_limit, min_gap_seconds, max_gap_seconds,
             deferred_until, quota_day, sent_today, quota_hour, sent_this_hour, next_send_at
        FROM mailboxes WHERE id = ANY(?) ORDER BY id FOR UPDATE
      """;

  private static final String TAKE =
      """
      UPDATE mailboxes SET quota_day = ?, sent_today = ?, quota_hour = ?, sent_this_hour = ?,
             next_send_at = ?
       WHERE id = ?
      """;

  private static final String LOCK_GIVEN_BACK =
      "SELECT id, timezone FROM mailboxes WHERE id = ANY(?) ORDER BY id FOR UPDATE";

  /** Only from the counters of the day and hour the reservation was taken in. */
  private static final String GIVE_BACK =
      """
      UPDATE mailboxes
         SET sent_today = CASE WHEN quota_day = ? THEN greatest(sent_today - ?, 0)
                               ELSE sent_today END,
             sent_this_hour = CASE WHEN quota_hour = ? THEN greatest(sent_this_hour - ?, 0)
                                   ELSE sent_this_hour END
       WHERE id = ?
      """;

  /**
   * Gives back the daily and hourly share of sends reserved at {@code reservedAt} and never handed
   * to a provider (released by the node that reserved them), {@code count} by mailbox id. A counter
   * that moved on to another day or hour since has nothing to give back. The random gap is not
   * given back.
   */
  void giveBack(Connection c, Map<Long, Integer> count, Instant reservedAt) throws SQLException {
    Map<Long, String> zones = new java.util.TreeMap<>();
    Sql.query(
        c,
        LOCK_GIVEN_BACK,
        rs -> zones.put(rs.getLong("id"), rs.getString("timezone")),
        (Object) Sql.longs(count.keySet()));
    Instant hour = reservedAt.truncatedTo(ChronoUnit.HOURS);
    for (Map.Entry<Long, String> mailbox : zones.entrySet()) {
      int n = count.get(mailbox.getKey());
      LocalDate day = LocalDate.ofInstant(reservedAt, zone(mailbox.getValue()));
      Sql.update(c, GIVE_BACK, day, n, hour, n, mailbox.getKey());
    }
  }

  /** Decides for each execution id, per mailbox in the order given. */
  Map<Long, Decision> reserve(Connection c, Map<Long, List<Long>> byMailbox, Instant now)
      throws SQLException {
    Map<Long, Decision> decisions = new HashMap<>();
    List<Row> rows = Sql.query(c, LOCK, Row::of, (Object) Sql.longs(byMailbox.keySet()));
    for (Row row : rows) {
      decide(c, row, byMailbox.get(row.id()), now, decisions);
    }
    return decisions;
  }

  /** A locked mailbox row: its limits and counters. */
  private record Row(
      long id,
      String status,
      String timezone,
      int daily,
      Integer hourly,
      int minGap,
      int maxGap,
      Instant deferredUntil,
      LocalDate quotaDay,
      int sentToday,
      Instant quotaHour,
      int sentThisHour,
      Instant nextSendAt) {

    static Row of(ResultSet rs) throws SQLException {
      return new Row(
          rs.getLong("id"),
          rs.getString("status"),
          rs.getString("timezone"),
          rs.getInt("daily_limit"),
          Sql.nullableInt(rs, "hourly_limit"),
          rs.getInt("min_gap_seconds"),
          rs.getInt("max_gap_seconds"),
          Sql.instant(rs, "deferred_until"),
          rs.getObject("quota_day", LocalDate.class),
          rs.getInt("sent_today"),
          Sql.instant(rs, "quota_hour"),
          rs.getInt("sent_this_hour"),
          Sql.instant(rs, "next_send_at"));
    }
  }

  private void decide(
      Connection c, Row row, List<Long> executions, Instant now, Map<Long, Decision> out)
      throws SQLException {
    if (!"connected".equals(row.status())) {
      executions.forEach(id -> out.put(id, Decision.PARKED));
      return;
    }
    ZoneId zone = zone(row.timezone());
    LocalDate today = LocalDate.ofInstant(now, zone);
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    int daily = row.daily();
    Integer hourly = row.hourly();
    int minGap = row.minGap();
    int maxGap = row.maxGap();
    int sentToday = today.equals(row.quotaDay()) ? row.sentToday() : 0;
    int sentThisHour = hour.equals(row.quotaHour()) ? row.sentThisHour() : 0;
    Instant nextSendAt = row.nextSendAt();
    Instant blockedUntil = later(row.deferredUntil(), nextSendAt);

    int allowed = executions.size();
    if (blockedUntil != null && blockedUntil.isAfter(now)) {
      allowed = 0;
    }
    allowed = Math.min(allowed, daily - sentToday);
    if (hourly != null) {
      allowed = Math.min(allowed, hourly - sentThisHour);
    }
    if (maxGap > 0) {
      allowed = Math.min(allowed, 1); // consecutive sends are spaced by the random gap
    }
    allowed = Math.max(0, allowed);

    Instant retryAt;
    if (blockedUntil != null && blockedUntil.isAfter(now)) {
      retryAt = blockedUntil;
    } else if (sentToday + allowed >= daily) {
      retryAt = today.plusDays(1).atStartOfDay(zone).toInstant(); // next local midnight
    } else if (hourly != null && sentThisHour + allowed >= hourly) {
      retryAt = hour.plus(Duration.ofHours(1));
    } else {
      retryAt = now; // only the gap holds the rest back; set below
    }
    Instant newNextSend = nextSendAt;
    if (allowed > 0 && maxGap > 0) {
      newNextSend = now.plusSeconds(ThreadLocalRandom.current().nextInt(minGap, maxGap + 1));
      retryAt = later(retryAt, newNextSend);
    }
    long averageGap = (minGap + maxGap) / 2L;
    for (int i = 0; i < executions.size(); i++) {
      if (i < allowed) {
        out.put(executions.get(i), Decision.GO);
      } else {
        // Stagger the deferred ones by the average gap so they do not all wake at once.
        out.put(
            executions.get(i),
            Decision.deferUntil(retryAt.plusSeconds(averageGap * (i - allowed))));
      }
    }
    Sql.update(
        c, TAKE, today, sentToday + allowed, hour, sentThisHour + allowed, newNextSend, row.id());
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static ZoneId zone(String name) {
    try {
      return name == null ? ZoneOffset.UTC : ZoneId.of(name);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
