package com.campaignengine.cli;

import com.campaignengine.cli.client.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dlq list|retry}: the dead-letter queue (executions whose retries are exhausted). */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = "The dead-letter queue: executions that failed for good.",
    subcommands = {DlqCommand.ListDead.class, DlqCommand.Retry.class},
    footer = ExitCodes.HELP)
final class DlqCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List dead executions, oldest first (every page).",
      footer = ExitCodes.HELP)
  static final class ListDead extends ServerCommand {
    @Option(names = "--campaign", paramLabel = "ID", description = "Only this campaign's.")
    String campaignId;

    @Override
    int run() {
      ArrayNode items = ApiClient.JSON.createArrayNode();
      String query =
          "/api/v1/executions?status=dead&limit=500"
              + (campaignId == null ? "" : "&campaign_id=" + id(campaignId, "--campaign"));
      String cursor = null;
      do {
        JsonNode page = client().get(query + (cursor == null ? "" : "&cursor=" + cursor));
        page.path("items").forEach(items::add);
        cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText(null);
      } while (cursor != null);
      if (json()) {
        printJson(ApiClient.JSON.createObjectNode().set("items", items));
        return ExitCodes.OK;
      }
      if (items.isEmpty()) {
        say("no dead executions");
        return ExitCodes.OK;
      }
      Table table = new Table("ID", "CAMPAIGN", "ENROLLMENT", "STEP", "ATTEMPTS", "AT", "ERROR");
      for (JsonNode dead : items) {
        table.row(
            dead.path("id").asText(),
            dead.path("campaign_id").asText(),
            dead.path("enrollment_id").asText(),
            dead.path("step_key").asText(),
            dead.path("attempts").asInt(),
            dead.path("executed_at").asText(),
            dead.path("last_error").asText());
      }
      table.print(out());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = "Requeue one dead execution, or every dead execution of a campaign.",
      footer = ExitCodes.HELP)
  static final class Retry extends ServerCommand {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "EXECUTION_ID",
        description = "The dead execution to requeue.")
    String executionId;

    @Option(names = "--campaign", paramLabel = "ID", description = "Requeue all of a campaign's.")
    String campaignId;

    @Override
    int run() {
      if ((executionId == null) == (campaignId == null)) {
        throw new CommandFailure(
            ExitCodes.REFUSED, "give either an EXECUTION_ID or --campaign ID (one of them)");
      }
      if (executionId != null) {
        return answer(
            client().post("/api/v1/executions/" + id(executionId, "EXECUTION_ID") + "/retry", null),
            requeued -> "execution " + executionId + " requeued");
      }
      return answer(
          client()
              .post(
                  "/api/v1/campaigns/" + id(campaignId, "--campaign") + "/dead-letters/retry",
                  null),
          counts ->
              "campaign "
                  + campaignId
                  + ": "
                  + counts.path("requeued").asLong()
                  + " requeued, "
                  + counts.path("skipped").asLong()
                  + " skipped");
    }
  }
}
