package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Company;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.store.PersonStore.ImportedRows;
import com.campaignengine.store.PersonStore.RowSink;
import com.campaignengine.store.PersonStore.RowSource;
import com.campaignengine.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A people import, set-based, in the caller's transaction: the rows are streamed with {@code COPY}
 * into a temporary staging table (dropped at commit; not WAL-logged, and holding nothing that must
 * survive a crash: the import's own writes to {@code people} and {@code companies} are ordinary
 * durable ones), then a few statements do what a row-by-row upsert did, for all rows at once.
 */
final class PeopleImports {

  private static final String CREATE_STAGING =
      """
      CREATE TEMP TABLE people_import (
        line           bigint NOT NULL,
        email_address  text   NOT NULL,
        first_name     text,
        last_name      text,
        title          text,
        timezone       text,
        company_name   text,
        company_domain text,
        custom         jsonb  NOT NULL
      ) ON COMMIT DROP
      """;

  private static final String COPY_STAGING =
      """
      COPY pg_temp.people_import (line, email_address, first_name, last_name, title, timezone,
           company_name, company_domain, custom)
      FROM STDIN
      """;

  /**
   * The first row of each address stands; the later ones leave, and are answered by line. Run only
   * when {@link AddressHashes} says some address may repeat. Grouped by the address as the unique
   * index sees it ({@code lower}); {@code COLLATE "C"} because only equal keys matter here, and
   * comparing bytes sorts a million of them several times faster than the database's collation.
   */
  private static final String DROP_DUPLICATES =
      """
      WITH later AS (
        DELETE FROM pg_temp.people_import staged
         USING (SELECT ctid AS row_id,
                       row_number() OVER (PARTITION BY lower(email_address) COLLATE "C"
                                          ORDER BY line) AS nth
                  FROM pg_temp.people_import) ranked
         WHERE staged.ctid = ranked.row_id AND ranked.nth > 1
        RETURNING staged.line)
      SELECT line FROM later ORDER BY line
      """;

  /**
   * The companies the rows name that the workspace lacks, each created from the first row naming
   * it: by domain, else (no domain) by name, both case-insensitively as the unique indexes see
   * them. In file order, as a row-by-row import created them.
   */
  private static final String INSERT_COMPANIES =
      """
      INSERT INTO companies (workspace_id, name, domain)
      SELECT ?, staged.company_name, staged.company_domain
        FROM pg_temp.people_import staged
        JOIN (SELECT min(line) AS line
                FROM pg_temp.people_import
               WHERE company_domain IS NOT NULL OR company_name IS NOT NULL
               GROUP BY company_domain IS NULL, lower(coalesce(company_domain, company_name))
             ) first_rows USING (line)
       ORDER BY staged.line
      ON CONFLICT DO NOTHING
      """;

  /**
   * Every row inserted or, by address, updated (the stored address keeps its spelling), with its
   * company; answered by line with the person's id and whether it is new. The answer is matched to
   * its row by address, bytewise ({@code COLLATE "C"}) for the reason above. The rows are not
   * sorted before the insert: new ids follow the staging table's order, the file's in practice, and
   * nothing depends on it; sorting a million wide rows first cost about a second.
   */
  private static final String UPSERT_PEOPLE =
      """
      WITH upserted AS (
        INSERT INTO people (workspace_id, email_address, first_name, last_name, title, timezone,
               company_id, custom, created_at, updated_at)
        SELECT ?, staged.email_address, staged.first_name, staged.last_name, staged.title,
               staged.timezone, coalesce(by_domain.id, by_name.id), staged.custom, ?, ?
          FROM pg_temp.people_import staged
          LEFT JOIN companies by_domain
                 ON by_domain.workspace_id = ? AND by_domain.domain IS NOT NULL
                AND lower(by_domain.domain) = lower(staged.company_domain)
          LEFT JOIN companies by_name
                 ON staged.company_domain IS NULL
                AND by_name.workspace_id = ? AND by_name.domain IS NULL
                AND lower(by_name.name) = lower(staged.company_name)
        ON CONFLICT (workspace_id, lower(email_address)) DO UPDATE
           SET first_name = excluded.first_name, last_name = excluded.last_name,
               title = excluded.title, timezone = excluded.timezone,
               company_id = excluded.company_id, custom = excluded.custom,
               updated_at = excluded.updated_at
        RETURNING id, lower(email_address) COLLATE "C" AS email_key, (xmax = 0) AS inserted)
      SELECT staged.line, upserted.id, upserted.inserted
        FROM upserted JOIN pg_temp.people_import staged
             ON lower(staged.email_address) COLLATE "C" = upserted.email_key
       ORDER BY staged.line
      """;

  /** Rows fetched per round trip when reading the answers back. */
  private static final int FETCH = 10_000;

  private PeopleImports() {}

  static ImportedRows run(Connection c, long workspaceId, Instant now, RowSource rows)
      throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(CREATE_STAGING);
      // For this transaction only: the sorts and hashes over a million staged rows stay in memory.
      statement.execute("SET LOCAL work_mem = '64MB'");
    }
    AddressHashes addresses = new AddressHashes();
    long staged = copy(c, rows, addresses);
    try (Statement statement = c.createStatement()) {
      // A temporary table has no statistics until asked, and the joins below would be planned for
      // a few hundred rows. They need the row count and the spread of the keys: a small sample of
      // the key columns gives them in a few milliseconds (the default sample of every column takes
      // 120 ms for 100,000 rows), and the statements take as long either way.
      statement.execute("SET LOCAL default_statistics_target = 10");
      statement.execute(
          "ANALYZE pg_temp.people_import (email_address, company_name, company_domain)");
    }
    long[] duplicates = addresses.mayRepeat() ? longs(c, DROP_DUPLICATES) : new long[0];
    Sql.update(c, INSERT_COMPANIES, workspaceId);
    int written = Math.toIntExact(staged - duplicates.length);
    long[] lines = new long[written];
    long[] ids = new long[written];
    int imported = 0;
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(UPSERT_PEOPLE)) {
      Sql.bind(c, ps, workspaceId, now, now, workspaceId, workspaceId);
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (n == written) {
            throw new StoreException("people import: more people written than rows staged", null);
          }
          lines[n] = rs.getLong(1);
          ids[n] = rs.getLong(2);
          imported += rs.getBoolean(3) ? 1 : 0;
          n++;
        }
      }
    }
    if (n != written) {
      throw new StoreException(
          "people import: " + written + " rows staged, " + n + " people written", null);
    }
    return new ImportedRows(imported, n - imported, lines, ids, duplicates);
  }

  /** Streams the rows into the staging table; cancels the COPY if feeding them fails. */
  private static long copy(Connection c, RowSource rows, AddressHashes addresses)
      throws SQLException {
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_STAGING);
    try {
      CopyText text = new CopyText(copy);
      rows.feed(new Staging(text, addresses));
      return text.finish();
    } catch (RuntimeException | SQLException e) {
      if (copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException cancelFailure) {
          e.addSuppressed(cancelFailure);
        }
      }
      throw e;
    }
  }

  /** The first column of every row {@code sql} answers. */
  private static long[] longs(Connection c, String sql) throws SQLException {
    long[] values = new long[64];
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
          }
          values[n++] = rs.getLong(1);
        }
      }
    }
    return Arrays.copyOf(values, n);
  }

  /** Writes each row given to the COPY, in the staging table's column order. */
  private static final class Staging implements RowSink {
    private final CopyText out;
    private final AddressHashes addresses;

    Staging(CopyText out, AddressHashes addresses) {
      this.out = out;
      this.addresses = addresses;
    }

    @Override
    public void add(long line, PersonDraft d) {
      addresses.add(d.emailAddress());
      Company company = d.company();
      boolean none = company == null || (blank(company.name()) && blank(company.domain()));
      try {
        out.number(line)
            .text(d.emailAddress())
            .text(d.firstName())
            .text(d.lastName())
            .text(d.title())
            .text(d.timezone())
            .text(none ? null : company.name())
            .text(none || blank(company.domain()) ? null : company.domain().strip())
            .text(JsonColumns.write(d.custom()))
            .endRow();
      } catch (SQLException e) {
        throw new StoreException("could not stream an import's rows: " + e.getMessage(), e);
      }
    }

    private static boolean blank(String value) {
      return value == null || value.isBlank();
    }
  }
}
