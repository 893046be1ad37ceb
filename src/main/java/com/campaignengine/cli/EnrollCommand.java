package com.campaignengine.cli;

import com.campaignengine.cli.client.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code enroll <campaign> --csv people.csv}: imports the people of a CSV file (creating or
 * updating them by email address) and enrolls them, a chunk at a time, with a progress bar on
 * stderr. Rows the server refuses are reported with their line in the file; the others go ahead.
 */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Import people from a CSV file and enroll them in a campaign.",
      "The header row names the columns: email_address (required), first_name, last_name, title,"
          + " timezone, company_name, company_domain; other columns become custom fields.",
      "Exits 2 when some rows were refused (each is listed with its line); the others are"
          + " enrolled. People already enrolled are skipped, so running it again is safe."
    },
    footer = ExitCodes.HELP)
final class EnrollCommand extends ServerCommand {
  @Parameters(index = "0", paramLabel = "CAMPAIGN_ID", description = "The campaign.")
  String campaignId;

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The people.")
  Path csv;

  @Option(
      names = "--chunk-size",
      defaultValue = "1000",
      description = "Rows per request (1 to 10000). Default: ${DEFAULT-VALUE}")
  int chunkSize;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  /** What the run did. */
  private static final class Summary {
    long rows;
    long imported;
    long updated;
    long enrolled;
    final Map<String, Long> skipped = new TreeMap<>();
    final ArrayNode refused = ApiClient.JSON.createArrayNode();
  }

  @Override
  int run() {
    if (chunkSize < 1 || chunkSize > 10_000) {
      throw new CommandFailure(ExitCodes.REFUSED, "--chunk-size must be between 1 and 10000");
    }
    String campaign = "/api/v1/campaigns/" + id(campaignId, "CAMPAIGN_ID");
    client().get(campaign); // a campaign that does not exist fails here, before any import
    CsvChunks file = CsvChunks.read(csv);
    Summary summary = new Summary();
    summary.rows = file.rows();
    try (ProgressBar progress = progressBar(file.rows());
        CsvChunks.Chunks chunks = file.chunks(chunkSize)) {
      while (chunks.hasNext()) {
        CsvChunks.Chunk chunk = chunks.next();
        enroll(campaign, chunk, summary);
        if (progress != null) {
          progress.stepBy(chunk.rows());
        }
      }
    } finally {
      if (!noProgress) {
        err().println();
        err().flush();
      }
    }
    print(summary);
    return summary.refused.isEmpty() ? ExitCodes.OK : ExitCodes.REFUSED;
  }

  private void enroll(String campaign, CsvChunks.Chunk chunk, Summary summary) {
    JsonNode imported = client().postCsv("/api/v1/people/import", chunk.csv());
    summary.imported += imported.path("imported").asLong();
    summary.updated += imported.path("updated").asLong();
    for (JsonNode row : imported.path("skipped")) {
      summary
          .refused
          .addObject()
          .put("line", chunk.fileLine(row.path("line").asLong()))
          .put("reason", row.path("reason").asText());
    }
    ArrayNode ids = ApiClient.JSON.createArrayNode();
    imported.path("people").forEach(person -> ids.add(person.path("id").asText()));
    if (ids.isEmpty()) {
      return;
    }
    ObjectNode body = ApiClient.JSON.createObjectNode();
    body.set("person_ids", ids);
    JsonNode enrolled = client().post(campaign + "/enrollments", body);
    summary.enrolled += enrolled.path("enrolled").asLong();
    for (JsonNode skip : enrolled.path("skipped")) {
      summary.skipped.merge(skip.path("reason").asText(), 1L, Long::sum);
    }
  }

  private ProgressBar progressBar(long rows) {
    if (noProgress) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("enrolling")
        .setInitialMax(rows)
        .setUnit(" rows", 1)
        .setUpdateIntervalMillis(250)
        .setConsumer(
            new DelegatingProgressBarConsumer(
                line -> {
                  err().print("\r" + line);
                  err().flush();
                },
                100))
        .build();
  }

  private void print(Summary summary) {
    long skipped = summary.skipped.values().stream().mapToLong(Long::longValue).sum();
    if (json()) {
      ObjectNode json = ApiClient.JSON.createObjectNode();
      json.put("rows", summary.rows);
      json.put("imported", summary.imported);
      json.put("updated", summary.updated);
      json.put("enrolled", summary.enrolled);
      ObjectNode reasons = json.putObject("skipped");
      summary.skipped.forEach(reasons::put);
      json.set("refused", summary.refused);
      printJson(json);
      return;
    }
    say(
        summary.rows
            + " rows: "
            + summary.enrolled
            + " enrolled, "
            + skipped
            + " skipped, "
            + summary.refused.size()
            + " refused ("
            + summary.imported
            + " people new, "
            + summary.updated
            + " updated)");
    summary.skipped.forEach((reason, count) -> say("  skipped " + count + ": " + reason));
    for (JsonNode row : summary.refused) {
      say(
          "  refused "
              + csv.getFileName()
              + ":"
              + row.path("line").asLong()
              + ": "
              + row.path("reason").asText());
    }
  }
}
