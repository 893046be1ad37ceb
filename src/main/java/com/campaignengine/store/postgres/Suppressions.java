package com.campaignengine.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The one lookup of suppressed addresses. A suppression holds the lower-case address, or, once the
 * person was erased, only {@code sha256:<hex of the lower-case address>}: the address is gone but
 * never emailed again. Both forms match here.
 */
final class Suppressions {

  /** The stored form of an erased address: SQL over one lower-case text parameter. */
  static final String HASH_OF_PARAMETER =
      "'sha256:' || encode(sha256(convert_to(?::text, 'UTF8')), 'hex')";

  private static final String MATCH =
      """
      SELECT x.email, s.reason FROM unnest(?::text[]) AS x(email)
        JOIN suppressions s
          ON s.workspace_id = ?
         AND s.email IN (x.email, 'sha256:' || encode(sha256(convert_to(x.email, 'UTF8')), 'hex'))
      """;

  private Suppressions() {}

  /** Of these lower-case addresses, the suppressed ones and why. */
  static Map<String, String> find(Connection c, long workspaceId, Collection<String> emails)
      throws SQLException {
    Map<String, String> found = new HashMap<>();
    if (emails.isEmpty()) {
      return found;
    }
    Sql.query(
        c,
        MATCH,
        rs -> found.put(rs.getString("email"), rs.getString("reason")),
        emails.toArray(String[]::new),
        workspaceId);
    return found;
  }
}
