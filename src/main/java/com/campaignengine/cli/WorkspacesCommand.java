package com.campaignengine.cli;

import com.campaignengine.cli.client.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workspaces create|list}: the server administrator's commands, made with the server's admin
 * key ({@code CAMPAIGN_ENGINE_ADMIN_KEY}), not a workspace's key.
 */
@Command(
    name = "workspaces",
    mixinStandardHelpOptions = true,
    description = "Workspaces of the server (needs the server's admin key).",
    subcommands = {WorkspacesCommand.Create.class, WorkspacesCommand.ListWorkspaces.class},
    footer = ExitCodes.HELP)
final class WorkspacesCommand {
  private WorkspacesCommand() {}

  /** A command made with the server administrator's key. */
  abstract static class AdminCommand extends ServerCommand {
    @Option(
        names = "--admin-key",
        defaultValue = "${env:CAMPAIGN_ENGINE_ADMIN_KEY}",
        description = "The server's admin key (env CAMPAIGN_ENGINE_ADMIN_KEY).")
    String adminKey;

    ApiClient adminClient() {
      if (adminKey == null || adminKey.isBlank()) {
        throw new CommandFailure(
            ExitCodes.AUTHENTICATION,
            "no admin key: pass --admin-key or set CAMPAIGN_ENGINE_ADMIN_KEY");
      }
      return new ApiClient(server.url, adminKey);
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a workspace. Prints its id and its owner's API key, which is shown only this once."
      },
      footer = ExitCodes.HELP)
  static final class Create extends AdminCommand {
    @Option(names = "--name", required = true, description = "The workspace's name (1-200).")
    String name;

    @Override
    int run() {
      if (name.isBlank()) {
        throw new CommandFailure(ExitCodes.REFUSED, "--name must not be blank");
      }
      JsonNode body = ApiClient.JSON.createObjectNode().put("name", name);
      JsonNode workspace = adminClient().post("/api/v1/workspaces", body);
      if (json()) {
        printJson(workspace);
        return ExitCodes.OK;
      }
      say(
          "workspace "
              + workspace.path("id").asText()
              + " created: "
              + workspace.path("name").asText());
      say("its owner's API key (shown only this once): " + workspace.path("api_key").asText());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the server's workspaces.",
      footer = ExitCodes.HELP)
  static final class ListWorkspaces extends AdminCommand {
    @Override
    int run() {
      JsonNode listing = adminClient().get("/api/v1/workspaces");
      if (json()) {
        printJson(listing);
        return ExitCodes.OK;
      }
      Table table = new Table("ID", "NAME", "CREATED");
      for (JsonNode workspace : listing.path("workspaces")) {
        table.row(
            workspace.path("id").asText(),
            workspace.path("name").asText(),
            workspace.path("created_at").asText());
      }
      table.print(out());
      return ExitCodes.OK;
    }
  }
}
