package com.campaignengine.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Small helpers around JDBC: parameter binding, row mapping. Parameters only, never concatenation.
 */
final class Sql {

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Sql() {}

  static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(c, ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    List<T> rows = query(c, sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(c, ps, params);
      return ps.executeUpdate();
    }
  }

  static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int index = i + 1;
      if (p == null) {
        ps.setNull(index, Types.NULL);
      } else if (p instanceof Instant instant) {
        ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      } else if (p instanceof Long[] longs) {
        ps.setArray(index, c.createArrayOf("bigint", longs));
      } else if (p instanceof String[] strings) {
        ps.setArray(index, c.createArrayOf("text", strings));
      } else if (p instanceof Boolean[] booleans) {
        ps.setArray(index, c.createArrayOf("boolean", booleans));
      } else if (p instanceof Integer[] ints) {
        ps.setArray(index, c.createArrayOf("integer", ints));
      } else if (p instanceof Instant[] instants) {
        // ISO-8601 text with its offset: immune to the session's time zone; cast in SQL.
        String[] iso = new String[instants.length];
        for (int j = 0; j < instants.length; j++) {
          iso[j] = instants[j] == null ? null : instants[j].toString();
        }
        ps.setArray(index, c.createArrayOf("text", iso));
      } else {
        ps.setObject(index, p);
      }
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  static Long[] longs(Collection<Long> values) {
    return values.toArray(new Long[0]);
  }
}
