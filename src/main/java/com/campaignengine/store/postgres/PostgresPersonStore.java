package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Company;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.readmodel.Page;
import com.campaignengine.store.DuplicateException;
import com.campaignengine.store.PersonStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** People and their companies (found or created by domain, else by name). */
public final class PostgresPersonStore implements PersonStore {

  private static final String SELECT =
      """
      SELECT p.*, p.custom::text AS custom_json, c.name AS company_name, c.domain AS company_domain
        FROM people p LEFT JOIN companies c ON c.id = p.company_id
      """;

  private static final String INSERT =
      """
      INSERT INTO people (workspace_id, email_address, first_name, last_name, title, timezone,
             company_id, custom, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
      ON CONFLICT DO NOTHING
      RETURNING id
      """;

  private static final String UPSERT =
      """
      INSERT INTO people (workspace_id, email_address, first_name, last_name, title, timezone,
             company_id, custom, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
      ON CONFLICT (workspace_id, lower(email_address)) DO UPDATE
         SET first_name = excluded.first_name, last_name = excluded.last_name,
             title = excluded.title, timezone = excluded.timezone,
             company_id = excluded.company_id, custom = excluded.custom,
             updated_at = excluded.updated_at
      RETURNING id, (xmax = 0) AS inserted
      """;

  private static final String ID_BY_EMAIL =
      "SELECT id FROM people WHERE workspace_id = ? AND lower(email_address) = lower(?)";

  private static final String COMPANY_BY_DOMAIN =
      "SELECT id FROM companies WHERE workspace_id = ? AND lower(domain) = lower(?)";
  private static final String COMPANY_BY_NAME =
      "SELECT id FROM companies WHERE workspace_id = ? AND domain IS NULL AND lower(name) = lower(?)";
  private static final String INSERT_COMPANY =
      "INSERT INTO companies (workspace_id, name, domain) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id";

  /** One row of an import: its id, and whether it was new. */
  private record Upserted(long id, boolean inserted) {}

  private final Database database;

  public PostgresPersonStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<Erasure> erase(
      long workspaceId, long personId, boolean keepSuppressed, Instant now) {
    return database.inTransaction(
        c -> PersonData.erase(c, workspaceId, personId, keepSuppressed, now));
  }

  @Override
  public Optional<String> export(long workspaceId, long personId) {
    return database.withConnection(c -> PersonData.export(c, workspaceId, personId));
  }

  @Override
  public Person create(long workspaceId, PersonDraft d, Instant now) {
    long id =
        database.inTransaction(
            c -> {
              Long companyId = companyId(c, workspaceId, d.company());
              Optional<Long> created =
                  Sql.queryOne(
                      c, INSERT, rs -> rs.getLong("id"), personRow(workspaceId, d, companyId, now));
              if (created.isPresent()) {
                return created.get();
              }
              long existing =
                  Sql.queryOne(
                          c, ID_BY_EMAIL, rs -> rs.getLong("id"), workspaceId, d.emailAddress())
                      .orElseThrow();
              throw new DuplicateException(
                  "a person with this email_address already exists", existing);
            });
    return find(workspaceId, id).orElseThrow();
  }

  /** The parameters of {@code INSERT} and {@code UPSERT}, in their column order. */
  private static Object[] personRow(long workspaceId, PersonDraft d, Long companyId, Instant now) {
    return new Object[] {
      workspaceId,
      d.emailAddress(),
      d.firstName(),
      d.lastName(),
      d.title(),
      d.timezone(),
      companyId,
      JsonColumns.write(d.custom()),
      now,
      now
    };
  }

  @Override
  public ImportCounts upsertAll(long workspaceId, List<PersonDraft> drafts, Instant now) {
    return database.inTransaction(
        c -> {
          int imported = 0;
          int updated = 0;
          List<Long> ids = new ArrayList<>(drafts.size());
          for (PersonDraft d : drafts) {
            Long companyId = companyId(c, workspaceId, d.company());
            Upserted row =
                Sql.queryOne(
                        c,
                        UPSERT,
                        rs -> new Upserted(rs.getLong("id"), rs.getBoolean("inserted")),
                        personRow(workspaceId, d, companyId, now))
                    .orElseThrow();
            ids.add(row.id());
            if (row.inserted()) {
              imported++;
            } else {
              updated++;
            }
          }
          return new ImportCounts(imported, updated, ids);
        });
  }

  @Override
  public ImportedRows importRows(long workspaceId, Instant now, RowSource rows) {
    return database.inTransaction(c -> PeopleImports.run(c, workspaceId, now, rows));
  }

  private static Long companyId(Connection c, long workspaceId, Company company)
      throws SQLException {
    if (company == null || (blank(company.domain()) && blank(company.name()))) {
      return null;
    }
    String domain = blank(company.domain()) ? null : company.domain().strip();
    Optional<Long> inserted =
        Sql.queryOne(
            c, INSERT_COMPANY, rs -> rs.getLong("id"), workspaceId, company.name(), domain);
    if (inserted.isPresent()) {
      return inserted.get();
    }
    return domain != null
        ? Sql.queryOne(c, COMPANY_BY_DOMAIN, rs -> rs.getLong("id"), workspaceId, domain)
            .orElseThrow()
        : Sql.queryOne(c, COMPANY_BY_NAME, rs -> rs.getLong("id"), workspaceId, company.name())
            .orElseThrow();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public Optional<Person> find(long workspaceId, long personId) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                c,
                SELECT + " WHERE p.workspace_id = ? AND p.id = ?",
                PostgresPersonStore::map,
                workspaceId,
                personId));
  }

  @Override
  public Page<Person> list(long workspaceId, String emailAddress, long afterId, int limit) {
    List<Person> rows =
        database.withConnection(
            c ->
                emailAddress == null
                    ? Sql.query(
                        c,
                        SELECT + " WHERE p.workspace_id = ? AND p.id > ? ORDER BY p.id LIMIT ?",
                        PostgresPersonStore::map,
                        workspaceId,
                        afterId,
                        limit + 1)
                    : Sql.query(
                        c,
                        SELECT
                            + " WHERE p.workspace_id = ? AND lower(p.email_address) = lower(?)"
                            + " AND p.id > ? ORDER BY p.id LIMIT ?",
                        PostgresPersonStore::map,
                        workspaceId,
                        emailAddress,
                        afterId,
                        limit + 1));
    return Pages.of(rows, limit, Person::id);
  }

  @Override
  public List<Person> findAll(long workspaceId, List<Long> personIds) {
    return database.withConnection(
        c ->
            Sql.query(
                c,
                SELECT + " WHERE p.workspace_id = ? AND p.id = ANY(?)",
                PostgresPersonStore::map,
                workspaceId,
                Sql.longs(personIds)));
  }

  static Person map(ResultSet rs) throws SQLException {
    return map(rs, "id", "custom_json");
  }

  /**
   * A person from a row that names its id and custom-fields columns {@code id} and {@code custom}.
   */
  static Person map(ResultSet rs, String id, String custom) throws SQLException {
    Long companyId = Sql.nullableLong(rs, "company_id");
    return new Person(
        rs.getLong(id),
        rs.getLong("workspace_id"),
        rs.getString("email_address"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("title"),
        rs.getString("timezone"),
        companyId == null
            ? null
            : new Company(companyId, rs.getString("company_name"), rs.getString("company_domain")),
        JsonColumns.stringMap(rs.getString(custom)));
  }
}
