package com.campaignengine.cli;

import com.campaignengine.cli.client.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retention show|set}: how long the workspace keeps finished executions and events. */
@Command(
    name = "retention",
    mixinStandardHelpOptions = true,
    description = "How long finished executions, engine events and resolved alerts are kept.",
    subcommands = {RetentionCommand.Show.class, RetentionCommand.Set.class},
    footer = ExitCodes.HELP)
final class RetentionCommand {

  /** The retention in force, and where it comes from. */
  private static String line(JsonNode retention) {
    long days = retention.path("retention_days").asLong();
    long serverDays = retention.path("server_default_days").asLong();
    String kept = days == 0 ? "kept forever" : "kept " + days + " days";
    return "finished work is "
        + kept
        + (retention.path("source").asText().equals("workspace")
            ? " (this workspace's setting; the server's default is "
                + (serverDays == 0 ? "forever" : serverDays + " days")
                + ")"
            : " (the server's default)");
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show the retention in force and where it comes from.",
      footer = ExitCodes.HELP)
  static final class Show extends ServerCommand {
    @Override
    int run() {
      return answer(client().get("/api/v1/settings/retention"), RetentionCommand::line);
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set this workspace's retention, or return to the server's default.",
      footer = ExitCodes.HELP)
  static final class Set extends ServerCommand {
    /** Exactly one of the two. */
    static final class Choice {
      @Option(
          names = "--days",
          required = true,
          description = "Days to keep finished work: 0 (forever) to 3650.")
      Integer days;

      @Option(names = "--server-default", required = true, description = "Use the server's.")
      boolean serverDefault;
    }

    @ArgGroup(multiplicity = "1")
    Choice choice;

    @Override
    int run() {
      ObjectNode body = ApiClient.JSON.createObjectNode();
      if (choice.days != null) {
        body.put("retention_days", choice.days);
      } else {
        body.putNull("retention_days");
      }
      return answer(client().put("/api/v1/settings/retention", body), RetentionCommand::line);
    }
  }
}
