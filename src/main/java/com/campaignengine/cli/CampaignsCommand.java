package com.campaignengine.cli;

import picocli.CommandLine.Command;

/** {@code campaigns list}: the workspace's campaigns. */
@Command(
    name = "campaigns",
    mixinStandardHelpOptions = true,
    description = "The workspace's campaigns.",
    subcommands = CampaignsCommand.ListCampaigns.class,
    footer = ExitCodes.HELP)
final class CampaignsCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the campaigns: id, name, status, steps.",
      footer = ExitCodes.HELP)
  static final class ListCampaigns extends ServerCommand {
    @Override
    int run() {
      return listing(
          client().get("/api/v1/campaigns"),
          new Table("ID", "NAME", "STATUS", "STEPS", "MAILBOXES", "CREATED"),
          campaign ->
              new Object[] {
                campaign.path("id").asText(),
                campaign.path("name").asText(),
                campaign.path("status").asText(),
                campaign.path("steps").size(),
                campaign.path("mailbox_ids").size(),
                campaign.path("created_at").asText()
              });
    }
  }
}
