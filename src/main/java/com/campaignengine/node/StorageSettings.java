package com.campaignengine.node;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a node keeps its data. A database URL's password is never part of {@link #toString}.
 *
 * @param dataDir the embedded PostgreSQL (without a URL), the outbox, the secret key file
 * @param databaseUrl an external PostgreSQL ({@code jdbc:postgresql://…} or {@code
 *     postgres://user:pass@host/db}); null or blank: the embedded one in {@code dataDir}
 * @param durableEmbedded whether the embedded PostgreSQL syncs to disk (off for tests and demos)
 * @param databaseSchema the PostgreSQL schema that holds every table of the engine, so that it can
 *     share a database with other applications: a lowercase name, {@value #DEFAULT_SCHEMA} by
 *     default
 */
public record StorageSettings(
    Path dataDir, String databaseUrl, boolean durableEmbedded, String databaseSchema) {
  public static final String DEFAULT_SCHEMA = "campaign_engine";

  /** A name PostgreSQL takes unquoted, not one of its reserved pg_ schemas. */
  private static final Pattern SCHEMA = Pattern.compile("(?!pg_)[a-z_][a-z0-9_]{0,62}");

  /**
   * @throws IllegalArgumentException if {@code databaseSchema} is not a plain lowercase name
   */
  public StorageSettings {
    if (databaseSchema == null || !SCHEMA.matcher(databaseSchema).matches()) {
      throw new IllegalArgumentException(
          "the database schema must be a lowercase name of letters, digits and _ (at most 63,"
              + " not starting with a digit or pg_), not '"
              + databaseSchema
              + "'");
    }
  }

  /** In the default schema. */
  public StorageSettings(Path dataDir, String databaseUrl, boolean durableEmbedded) {
    this(dataDir, databaseUrl, durableEmbedded, DEFAULT_SCHEMA);
  }

  /** Whether the node connects to an external PostgreSQL instead of starting its own. */
  public boolean external() {
    return databaseUrl != null && !databaseUrl.isBlank();
  }

  @Override
  public String toString() {
    return "StorageSettings[dataDir="
        + dataDir
        + ", databaseUrl="
        + Redaction.url(databaseUrl)
        + ", durableEmbedded="
        + durableEmbedded
        + ", databaseSchema="
        + databaseSchema
        + "]";
  }
}
