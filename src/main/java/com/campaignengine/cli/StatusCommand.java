package com.campaignengine.cli;

import com.campaignengine.cli.client.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code status}: is the server ready, what runs, what is wrong. Exits 1 when the server is not
 * ready (its database unreachable or migrations pending). The queue spans every workspace, so it is
 * read from the management port's metrics, when given.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "The server's readiness, campaigns by status, mailboxes, firing alerts and queue depth.",
    footer = ExitCodes.HELP)
final class StatusCommand extends ServerCommand {
  private static final Pattern GAUGE =
      Pattern.compile("(?m)^(campaign_engine_queue_(?:depth|lag_seconds))(?:\\{[^}]*})? (\\S+)$");

  @Option(
      names = "--management-url",
      defaultValue = "${env:CAMPAIGN_ENGINE_MANAGEMENT_URL}",
      description =
          "The server's management port (serve --management-port), where the queue is read from"
              + " /metrics (env CAMPAIGN_ENGINE_MANAGEMENT_URL). Without it the queue is not"
              + " shown.")
  String managementUrl;

  @Override
  int run() {
    ApiClient.Answer ready = openClient().probe("/health/ready");
    boolean isReady = ready.status() == 200;
    ObjectNode status = ApiClient.JSON.createObjectNode();
    status.put("url", client().baseUrl());
    status.put("ready", isReady);
    if (!isReady) {
      status.put(
          "error",
          ready.body() == null ? "HTTP " + ready.status() : ready.body().path("error").asText());
    }
    status.set("campaigns", countBy(client().get("/api/v1/campaigns").path("items"), "status"));
    JsonNode mailboxes = client().get("/api/v1/mailboxes").path("items");
    status.set("mailboxes", countBy(mailboxes, "status"));
    ArrayNode disconnected = status.putArray("disconnected_mailboxes");
    for (JsonNode mailbox : mailboxes) {
      if (!mailbox.path("status").asText().equals("connected")) {
        disconnected
            .addObject()
            .put("id", mailbox.path("id").asText())
            .put("email", mailbox.path("email").asText())
            .put("reason", mailbox.path("status_reason").asText(null));
      }
    }
    ArrayNode alerts = status.putArray("firing_alerts");
    client().get("/api/v1/alerts?status=firing&limit=500").path("items").forEach(alerts::add);
    status.set(
        "queue",
        managementUrl == null || managementUrl.isBlank()
            ? ApiClient.JSON.nullNode()
            : queue(new ApiClient(managementUrl.strip(), null).getText("/metrics")));
    if (json()) {
      printJson(status);
    } else {
      print(status);
    }
    return isReady ? ExitCodes.OK : ExitCodes.SERVER;
  }

  private void print(ObjectNode status) {
    Table table = new Table("", "");
    table.row(
        "server",
        status.path("url").asText()
            + (status.path("ready").asBoolean()
                ? "  ready"
                : "  NOT READY: " + status.path("error").asText()));
    table.row("campaigns", counts(status.path("campaigns")));
    table.row("mailboxes", counts(status.path("mailboxes")));
    for (JsonNode mailbox : status.path("disconnected_mailboxes")) {
      table.row("", mailbox.path("email").asText() + ": " + mailbox.path("reason").asText("-"));
    }
    table.row("alerts", status.path("firing_alerts").size() + " firing");
    for (JsonNode alert : status.path("firing_alerts")) {
      table.row("", alert.path("rule").asText() + ": " + alert.path("message").asText());
    }
    JsonNode queue = status.path("queue");
    table.row(
        "queue",
        queue.isNull() || queue.isMissingNode()
            ? "unknown (--management-url gives it)"
            : queue.path("depth").asLong()
                + " due now, oldest waiting "
                + queue.path("lag_seconds").asLong()
                + " s");
    table.print(out());
  }

  private static ObjectNode countBy(JsonNode items, String field) {
    Map<String, Integer> counts = new TreeMap<>();
    items.forEach(item -> counts.merge(item.path(field).asText(), 1, Integer::sum));
    ObjectNode json = ApiClient.JSON.createObjectNode();
    counts.forEach(json::put);
    return json;
  }

  private static String counts(JsonNode counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    counts
        .properties()
        .forEach(
            entry ->
                text.append(text.isEmpty() ? "" : ", ")
                    .append(entry.getValue().asInt())
                    .append(' ')
                    .append(entry.getKey()));
    return text.toString();
  }

  /** {@code {"depth": n, "lag_seconds": n}} from the Prometheus text, or null when absent. */
  private static JsonNode queue(String metrics) {
    if (metrics == null) {
      return ApiClient.JSON.nullNode();
    }
    ObjectNode queue = ApiClient.JSON.createObjectNode();
    Matcher m = GAUGE.matcher(metrics);
    while (m.find()) {
      String name = m.group(1).equals("campaign_engine_queue_depth") ? "depth" : "lag_seconds";
      queue.put(name, (long) Double.parseDouble(m.group(2)));
    }
    return queue.isEmpty() ? ApiClient.JSON.nullNode() : queue;
  }
}
