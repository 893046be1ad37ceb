package com.campaignengine.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pause <id>} and {@code resume <id>}: a campaign's sending stops or goes on. */
final class LifecycleCommands {
  private LifecycleCommands() {}

  /** Posts one lifecycle move and prints the campaign's new status. */
  abstract static class Move extends ServerCommand {
    @Parameters(index = "0", paramLabel = "CAMPAIGN_ID", description = "The campaign.")
    String campaignId;

    abstract String action();

    @Override
    int run() {
      return answer(
          client()
              .post("/api/v1/campaigns/" + id(campaignId, "CAMPAIGN_ID") + "/" + action(), null),
          campaign ->
              "campaign "
                  + campaign.path("id").asText()
                  + " ("
                  + campaign.path("name").asText()
                  + ") is "
                  + campaign.path("status").asText());
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause an active campaign: no step of it runs until it is resumed.",
      footer = ExitCodes.HELP)
  static final class Pause extends Move {
    @Override
    String action() {
      return "pause";
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume a paused campaign.",
      footer = ExitCodes.HELP)
  static final class Resume extends Move {
    @Override
    String action() {
      return "resume";
    }
  }
}
