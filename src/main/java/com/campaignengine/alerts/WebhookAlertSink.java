package com.campaignengine.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each notice as JSON to a URL: a Slack-compatible {@code text} (so a Slack or Mattermost
 * incoming webhook shows it as is) plus structured fields {@code rule}, {@code key}, {@code
 * status}, {@code workspace_id}, {@code campaign_id} / {@code mailbox_id}, {@code message}, {@code
 * at}. A network error, 429 or 5xx is retried after each pause of {@code backoff}; then the notice
 * is logged as lost. Never throws.
 */
public final class WebhookAlertSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final List<Duration> DEFAULT_BACKOFF =
      List.of(Duration.ofSeconds(1), Duration.ofSeconds(5));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final Duration timeout;
  private final List<Duration> backoff;
  private final HttpClient client;

  public WebhookAlertSink(URI url) {
    this(url, DEFAULT_TIMEOUT, DEFAULT_BACKOFF);
  }

  public WebhookAlertSink(URI url, Duration timeout, List<Duration> backoff) {
    this.url = url;
    this.timeout = timeout;
    this.backoff = List.copyOf(backoff);
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void send(AlertRecord alert) {
    String body = body(alert);
    for (int attempt = 0; ; attempt++) {
      String problem = post(body);
      if (problem == null) {
        return;
      }
      if (attempt >= backoff.size() || problem.startsWith("refused")) {
        LOG.error(
            "Alert(id={}, key={}) webhook failed after {} attempts: {}",
            alert.id(),
            alert.key(),
            attempt + 1,
            problem);
        return;
      }
      LOG.warn("Alert(id={}) webhook attempt {} failed: {}", alert.id(), attempt + 1, problem);
      try {
        Thread.sleep(backoff.get(attempt).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Null when delivered; else why not ("refused …" is not worth retrying). */
  private String post(String body) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) {
        return null;
      }
      return status == 429 || status >= 500 ? "HTTP " + status : "refused with HTTP " + status;
    } catch (IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "refused: interrupted";
    }
  }

  static String body(AlertRecord alert) {
    ObjectNode json = JSON.createObjectNode();
    json.put("text", AlertTexts.line(alert));
    json.put("rule", alert.rule());
    json.put("key", alert.key());
    json.put("status", alert.status().wireName());
    json.put("workspace_id", Long.toString(alert.workspaceId()));
    if (alert.campaignId() != null) {
      json.put("campaign_id", alert.campaignId().toString());
    }
    if (alert.mailboxId() != null) {
      json.put("mailbox_id", alert.mailboxId().toString());
    }
    json.put("message", alert.message());
    json.put("at", alert.at().toString());
    json.put("alert_id", Long.toString(alert.id()));
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }
}
