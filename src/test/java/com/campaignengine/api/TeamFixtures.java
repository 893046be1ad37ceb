package com.campaignengine.api;

import com.campaignengine.access.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Test fixtures for teams: API keys with a role, stored as the server stores them (SHA-256 and a
 * 12-character prefix), and a fingerprint of every table to prove that nothing was written.
 */
final class TeamFixtures {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TeamFixtures() {}

  /** A new service key of {@code workspaceId} with {@code role}; returns the key. */
  static String addKey(DataSource dataSource, long workspaceId, Role role, Instant now) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String key = "ce_" + HexFormat.of().formatHex(bytes);
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO api_keys (workspace_id, key_sha256, key_prefix, name, role, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, workspaceId);
      insert.setString(2, sha256(key));
      insert.setString(3, key.substring(0, 12));
      insert.setString(4, role.wire() + " key");
      insert.setString(5, role.wire());
      insert.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return key;
  }

  /** A user of {@code workspaceId} with {@code role} and no password; returns the user's id. */
  static long addUser(DataSource dataSource, long workspaceId, String email, String role) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO users (workspace_id, email, name, role, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, now(), now()) RETURNING id")) {
      insert.setLong(1, workspaceId);
      insert.setString(2, email);
      insert.setString(3, email);
      insert.setString(4, role);
      try (var rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The key {@code key} for {@code workspaceId} with {@code role}: a user's key when {@code userId}
   * is given, else a service key.
   */
  static void addKey(
      DataSource dataSource, long workspaceId, Long userId, String role, String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO api_keys (workspace_id, key_sha256, key_prefix, name, role, user_id,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, now())")) {
      insert.setLong(1, workspaceId);
      insert.setString(2, sha256(key));
      insert.setString(3, key.substring(0, 12));
      insert.setString(4, role + " key");
      insert.setString(5, role);
      insert.setObject(6, userId);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Every table of {@code schema}: its row count and the md5 of its rows in a stable order. Two
   * equal fingerprints: nothing was inserted, updated or deleted in between.
   */
  static Map<String, String> fingerprint(DataSource dataSource, String schema) {
    Map<String, String> tables = new TreeMap<>();
    try (Connection c = dataSource.getConnection()) {
      List<String> names = new ArrayList<>();
      try (PreparedStatement list =
          c.prepareStatement(
              "SELECT table_name FROM information_schema.tables"
                  + " WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
        list.setString(1, schema);
        try (ResultSet rs = list.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
      }
      try (Statement statement = c.createStatement()) {
        for (String name : names) {
          String table = schema + ".\"" + name + "\"";
          try (ResultSet rs =
              statement.executeQuery(
                  "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                      + " FROM "
                      + table
                      + " t")) {
            rs.next();
            tables.put(name, rs.getLong(1) + " rows, md5 " + rs.getString(2));
          }
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    if (tables.size() < 20) {
      throw new AssertionError("only " + tables.size() + " tables found in " + schema);
    }
    return tables;
  }

  static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
