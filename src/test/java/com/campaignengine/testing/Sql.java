package com.campaignengine.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Direct SQL for assertions about what is stored. */
public final class Sql {
  private Sql() {}

  public static long count(javax.sql.DataSource dataSource, String query) {
    return count(dataSource::getConnection, query);
  }

  public static long count(String databaseUrl, String query) {
    return count(() -> DriverManager.getConnection(databaseUrl), query);
  }

  /** The first column of the first row, or empty without a row. */
  public static Optional<String> text(String databaseUrl, String query) {
    try (Connection c = DriverManager.getConnection(databaseUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs one statement that returns no rows (an UPDATE a test needs to set the scene, a DELETE);
   * returns the rows changed.
   */
  public static int execute(String databaseUrl, String statement) {
    try (Connection c = DriverManager.getConnection(databaseUrl);
        Statement s = c.createStatement()) {
      s.execute(statement);
      return s.getUpdateCount();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** As {@link #execute(String, String)}, on a connection of {@code dataSource}. */
  public static int execute(javax.sql.DataSource dataSource, String statement) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
      return s.getUpdateCount();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Connect {
    Connection open() throws SQLException;
  }

  private static long count(Connect connect, String query) {
    try (Connection c = connect.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
