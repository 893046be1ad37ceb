package com.campaignengine.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where data lives: the data directory and, optionally, an external PostgreSQL. */
final class DatabaseOptions {
  @Option(
      names = "--data-dir",
      defaultValue = "${env:CAMPAIGN_ENGINE_DATA_DIR:-./data}",
      description =
          "Data directory (embedded PostgreSQL, outbox, API key). Default: ${DEFAULT-VALUE}")
  Path dataDir;

  @Option(
      names = "--database-url",
      defaultValue = "${env:DATABASE_URL}",
      description =
          "External PostgreSQL 14+ (jdbc:postgresql://… or postgres://user:pass@host/db). "
              + "Default: the embedded PostgreSQL in the data directory.")
  String databaseUrl;
}
