package com.campaignengine.node;

import java.nio.file.Path;

/**
 * Where a node keeps its data. A database URL's password is never part of {@link #toString}.
 *
 * @param dataDir the embedded PostgreSQL (without a URL), the outbox, the secret key file
 * @param databaseUrl an external PostgreSQL ({@code jdbc:postgresql://…} or {@code
 *     postgres://user:pass@host/db}); null or blank: the embedded one in {@code dataDir}
 * @param durableEmbedded whether the embedded PostgreSQL syncs to disk (off for tests and demos)
 */
public record StorageSettings(Path dataDir, String databaseUrl, boolean durableEmbedded) {

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
        + "]";
  }
}
