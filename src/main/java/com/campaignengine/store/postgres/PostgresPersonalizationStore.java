package com.campaignengine.store.postgres;

import com.campaignengine.store.PersonalizationStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Personalization cache and budget; the budget is one atomic upsert, so it holds across nodes. */
public final class PostgresPersonalizationStore implements PersonalizationStore {

  private static final String CACHED =
      "SELECT text FROM personalization_cache WHERE step_id = ? AND person_id = ? AND template_hash = ?";

  private static final String CACHE =
      """
      INSERT INTO personalization_cache (step_id, person_id, template_hash, text, created_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (step_id, person_id, template_hash) DO NOTHING
      """;

  private static final String TAKE =
      """
      INSERT INTO personalization_budget (workspace_id, day, used) VALUES (?, ?, 1)
      ON CONFLICT (workspace_id, day) DO UPDATE SET used = personalization_budget.used + 1
       WHERE personalization_budget.used < ?
      RETURNING used
      """;

  private final Database database;

  public PostgresPersonalizationStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<String> cached(long stepId, long personId, String templateHash) {
    return database.withConnection(
        c -> Sql.queryOne(c, CACHED, rs -> rs.getString("text"), stepId, personId, templateHash));
  }

  @Override
  public void cache(long stepId, long personId, String templateHash, String text, Instant now) {
    database.withConnection(c -> Sql.update(c, CACHE, stepId, personId, templateHash, text, now));
  }

  @Override
  public boolean takeBudget(long workspaceId, LocalDate day, int dailyLimit) {
    if (dailyLimit <= 0) {
      return false;
    }
    return database.withConnection(
        c -> !Sql.query(c, TAKE, rs -> rs.getInt("used"), workspaceId, day, dailyLimit).isEmpty());
  }
}
