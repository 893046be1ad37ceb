package com.campaignengine.cli;

import picocli.CommandLine.Option;

/** Where the server is, how to authenticate, and how to print: shared by every client command. */
final class ServerOptions {
  /** How a command prints its result. */
  enum Format {
    table,
    json
  }

  @Option(
      names = "--url",
      defaultValue = "${env:CAMPAIGN_ENGINE_URL:-http://localhost:8080}",
      description = "The server (env CAMPAIGN_ENGINE_URL). Default: ${DEFAULT-VALUE}")
  String url;

  @Option(
      names = "--api-key",
      defaultValue = "${env:CAMPAIGN_ENGINE_API_KEY}",
      description = "The workspace's API key (env CAMPAIGN_ENGINE_API_KEY).")
  String apiKey;

  @Option(
      names = "--output",
      defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}")
  Format output;
}
