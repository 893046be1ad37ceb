package com.campaignengine.cli;

import com.campaignengine.cli.code.CampaignWriter;
import com.campaignengine.cli.code.ServerManagedFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code export <id>}: the campaign as a file {@code apply} accepts, without the fields the server
 * owns (id, status, version, times, step ids); applying it back changes nothing.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a campaign as YAML or JSON that apply accepts (to stdout or -o FILE).",
    footer = ExitCodes.HELP)
final class ExportCommand extends ServerCommand {
  @Parameters(index = "0", paramLabel = "CAMPAIGN_ID", description = "The campaign.")
  String campaignId;

  @Option(
      names = "--format",
      description = "yaml or json. Default: from the -o file's extension, else yaml.")
  CampaignWriter.Format format;

  @Option(names = "-o", paramLabel = "FILE", description = "Write here instead of stdout.")
  Path target;

  @Override
  int run() throws IOException {
    JsonNode campaign = client().get("/api/v1/campaigns/" + id(campaignId, "CAMPAIGN_ID"));
    String text = CampaignWriter.write(ServerManagedFields.strip(campaign), format());
    if (target == null) {
      out().print(text);
      out().flush();
    } else {
      try {
        Files.writeString(target, text);
      } catch (IOException e) {
        throw new CommandFailure(ExitCodes.REFUSED, "cannot write " + target + ": " + e);
      }
      say("wrote " + target);
    }
    return ExitCodes.OK;
  }

  private CampaignWriter.Format format() {
    if (format != null) {
      return format;
    }
    boolean json =
        target != null
            && target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    return json ? CampaignWriter.Format.json : CampaignWriter.Format.yaml;
  }
}
