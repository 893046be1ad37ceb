package com.campaignengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.EngineNode;
import com.campaignengine.testing.ServeProcess;
import com.campaignengine.testing.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code CAMPAIGN_ENGINE_PUBLIC_URL}, the links in emails point to the port {@code serve}
 * listens on; a public URL that is not https is warned about once at start. Real processes.
 */
class PublicUrlTest {
  private static final String KEY = "public-url-test-key-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WARNING = "is not https";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path work;

  @Test
  void links_follow_the_port_and_an_http_public_url_is_warned_about_once() throws Exception {
    int port = EngineNode.freePort();
    try (ServeProcess serve = serve(port, Map.of())) {
      serve.awaitReady(port);

      JsonNode preview = preview(port);

      assertThat(preview.at("/headers/List-Unsubscribe").asText())
          .startsWith("<http://localhost:" + port + "/u/");
      assertThat(preview.at("/text").asText()).contains("http://localhost:" + port + "/u/");
      assertThat(occurrences(serve.result().err(), WARNING)).as(serve.result().err()).isEqualTo(1);
    }
  }

  @Test
  void an_https_public_url_is_used_as_it_is_without_a_warning() throws Exception {
    int port = EngineNode.freePort();
    try (ServeProcess serve =
        serve(port, Map.of("CAMPAIGN_ENGINE_PUBLIC_URL", "https://mail.recruit.example"))) {
      serve.awaitReady(port);

      JsonNode preview = preview(port);

      assertThat(preview.at("/headers/List-Unsubscribe").asText())
          .startsWith("<https://mail.recruit.example/u/");
      assertThat(preview.at("/headers/List-Unsubscribe-Post").asText())
          .isEqualTo("List-Unsubscribe=One-Click");
      assertThat(serve.result().err()).doesNotContain(WARNING);
    }
  }

  private ServeProcess serve(int port, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("CAMPAIGN_ENGINE_API_KEY", KEY);
    return ServeProcess.start(
        work,
        env,
        "serve",
        "--data-dir",
        work.resolve("data-" + port).toString(),
        "--database-url",
        TestPostgres.newDatabaseUrl(),
        "--port",
        Integer.toString(port));
  }

  /** A campaign whose email carries the unsubscribe link, previewed for one person. */
  private JsonNode preview(int port) throws Exception {
    String mailbox =
        post(
                port,
                "/api/v1/mailboxes",
                "{\"provider\":\"outbox\",\"email\":\"ada@recruit.example\","
                    + "\"display_name\":\"Ada\"}")
            .get("id")
            .asText();
    String person =
        post(
                port,
                "/api/v1/people",
                "{\"email_address\":\"grace@navy.example\",\"first_name\":\"Grace\"}")
            .get("id")
            .asText();
    String campaign =
        post(
                port,
                "/api/v1/campaigns",
                "{\"name\":\"Links\",\"mailbox_ids\":[\""
                    + mailbox
                    + "\"],\"timezone\":\"UTC\",\"steps\":[{\"key\":\"intro\",\"type\":\"email\","
                    + "\"subject\":\"Hello\",\"body\":\"Hi. Leave: {{unsubscribe_url}}\"}]}")
            .get("id")
            .asText();
    return post(
        port,
        "/api/v1/campaigns/" + campaign + "/preview",
        "{\"person_id\":\"" + person + "\",\"step_key\":\"intro\"}");
  }

  private JsonNode post(int port, String path, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private static int occurrences(String text, String part) {
    return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
  }
}
