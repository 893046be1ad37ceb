package com.campaignengine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stats <id>}: a campaign's counts and rates, overall and per step. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "A campaign's counts and rates, overall and per step.",
    footer = ExitCodes.HELP)
final class StatsCommand extends ServerCommand {
  @Parameters(index = "0", paramLabel = "CAMPAIGN_ID", description = "The campaign.")
  String campaignId;

  @Override
  int run() {
    JsonNode stats = client().get("/api/v1/campaigns/" + id(campaignId, "CAMPAIGN_ID") + "/stats");
    if (json()) {
      printJson(stats);
      return ExitCodes.OK;
    }
    Table totals = new Table("ENROLLED", "ACTIVE", "COMPLETED", "REPLIED", "BOUNCED", "UNSUB");
    totals.row(
        stats.path("enrolled").asLong(),
        stats.path("active").asLong(),
        stats.path("completed").asLong(),
        stats.path("replied").asLong(),
        stats.path("bounced").asLong(),
        stats.path("unsubscribed").asLong());
    totals.print(out());
    say("");
    Table emails = new Table("SENT", "OPENED", "CLICKED", "REPLY RATE", "DEAD LETTERS");
    emails.row(
        stats.path("sent").asLong(),
        stats.path("opened").asLong(),
        stats.path("clicked").asLong(),
        percent(stats.path("reply_rate").asDouble()),
        stats.path("dead_letters").asLong());
    emails.print(out());
    say("");
    Table steps = new Table("STEP", "TYPE", "REACHED", "PENDING", "SENT", "DEAD");
    for (JsonNode step : stats.path("steps")) {
      steps.row(
          step.path("key").asText(),
          step.path("type").asText(),
          step.path("reached").asLong(),
          step.path("pending").asLong(),
          step.path("sent").asLong(),
          step.path("dead").asLong());
    }
    steps.print(out());
    return ExitCodes.OK;
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }
}
