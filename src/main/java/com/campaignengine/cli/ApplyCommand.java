package com.campaignengine.cli;

import com.campaignengine.cli.client.ApiClient;
import com.campaignengine.cli.client.ApiFailure;
import com.campaignengine.cli.code.CampaignWriter;
import com.campaignengine.cli.code.DocumentFiles;
import com.campaignengine.cli.code.LocatedDocument;
import com.campaignengine.cli.code.ServerManagedFields;
import com.campaignengine.cli.code.TreeDiff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apply -f campaign.yaml}: makes the server's campaign what the file says. The campaign is
 * found by its {@code name} among the workspace's campaigns that are not archived: none is created
 * (POST), one is compared with what the file would make of it (PUT with {@code dry_run}) and
 * replaced only if they differ. Nothing is written when the server refuses the file; the refusal is
 * reported at the line of the field it names.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Create or update a campaign from a YAML or JSON file (the API's campaign schema).",
      "The campaign's name is its identity within the workspace. Mailboxes may be named by id or"
          + " by email address. Applying an unchanged file writes nothing."
    },
    footer = ExitCodes.HELP)
final class ApplyCommand extends ServerCommand {
  @Option(
      names = {"-f", "--file"},
      required = true,
      description = "The campaign file (.yaml, .yml or .json).")
  Path file;

  @Option(names = "--dry-run", description = "Print what would change; write nothing.")
  boolean dryRun;

  @Override
  int run() {
    LocatedDocument document = DocumentFiles.read(file);
    ObjectNode body = ServerManagedFields.strip(document.root());
    String name = body.path("name").isTextual() ? body.get("name").asText().strip() : "";
    if (name.isEmpty()) {
      throw document.problem("name", "a campaign file needs a name: it is how apply finds it");
    }
    JsonNode existing = find(name);
    try {
      return existing == null ? create(body) : update(existing, body);
    } catch (ApiFailure refusal) {
      if ((refusal.status() == 422 || refusal.status() == 400) && refusal.field() != null) {
        throw document.problem(refusal.field(), refusal.getMessage());
      }
      throw refusal;
    }
  }

  private int create(ObjectNode body) {
    if (dryRun) {
      JsonNode proposed = client().post("/api/v1/campaigns?dry_run=true", body);
      refuseIfSaved(proposed);
      report("would_create", proposed, List.of());
      return ExitCodes.OK;
    }
    report("created", client().post("/api/v1/campaigns", body), List.of());
    return ExitCodes.OK;
  }

  private int update(JsonNode existing, ObjectNode body) {
    String path = "/api/v1/campaigns/" + existing.path("id").asText();
    JsonNode proposed = client().put(path + "?dry_run=true", body);
    List<TreeDiff.Change> changes =
        TreeDiff.between(ServerManagedFields.strip(existing), ServerManagedFields.strip(proposed));
    if (changes.isEmpty()) {
      report("unchanged", existing, changes);
    } else if (dryRun) {
      report("would_update", existing, changes);
    } else {
      report("updated", client().put(path, body), changes);
    }
    return ExitCodes.OK;
  }

  /** The live campaign of that name, or null; several of one name are a conflict to resolve. */
  private JsonNode find(String name) {
    List<JsonNode> matches = new ArrayList<>();
    for (JsonNode campaign : client().get("/api/v1/campaigns").path("items")) {
      if (campaign.path("name").asText().strip().equals(name)
          && !campaign.path("status").asText().equals("archived")) {
        matches.add(campaign);
      }
    }
    if (matches.size() > 1) {
      throw new CommandFailure(
          ExitCodes.CONFLICT,
          matches.size()
              + " campaigns are named '"
              + name
              + "' (ids "
              + String.join(", ", matches.stream().map(c -> c.path("id").asText()).toList())
              + "): rename or archive all but one");
    }
    return matches.isEmpty() ? null : matches.get(0);
  }

  /** An old server would have ignored {@code dry_run} and saved: say so rather than hide it. */
  private static void refuseIfSaved(JsonNode proposed) {
    if (!proposed.path("id").isNull() && !proposed.path("id").isMissingNode()) {
      throw new CommandFailure(
          ExitCodes.SERVER,
          "the server does not support dry runs and saved the campaign (id "
              + proposed.path("id").asText()
              + ")");
    }
  }

  private void report(String action, JsonNode campaign, List<TreeDiff.Change> changes) {
    if (json()) {
      ObjectNode result = ApiClient.JSON.createObjectNode();
      result.put("action", action);
      result.put("dry_run", dryRun);
      ArrayNode list = result.putArray("changes");
      for (TreeDiff.Change change : changes) {
        ObjectNode item = list.addObject().put("path", change.path());
        item.set("before", change.added() ? null : change.before());
        item.set("after", change.removed() ? null : change.after());
      }
      result.set("campaign", campaign);
      printJson(result);
      return;
    }
    String what = "campaign '" + campaign.path("name").asText() + "'";
    String id = campaign.path("id").asText(null);
    String named = id == null ? what : what + " (id " + id + ")";
    switch (action) {
      case "created" -> say("created " + named + ", " + campaign.path("status").asText());
      case "would_create" -> {
        say("would create " + named + " (dry run: nothing written):");
        out()
            .print(
                Terminal.safe(
                    indent(
                        CampaignWriter.write(
                            ServerManagedFields.strip(campaign), CampaignWriter.Format.yaml))));
        out().flush();
      }
      case "unchanged" -> say("unchanged: " + named);
      default -> {
        String verb = action.equals("updated") ? "updated " : "would update ";
        String version =
            action.equals("updated") && campaign.hasNonNull("version")
                ? ", now version " + campaign.get("version").asText()
                : "";
        say(
            verb
                + named
                + version
                + ": "
                + changes.size()
                + (changes.size() == 1 ? " change" : " changes")
                + (dryRun ? " (dry run: nothing written)" : ""));
        changes.forEach(change -> say("  " + change.describe()));
      }
    }
  }

  private static String indent(String text) {
    return text.lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
  }
}
