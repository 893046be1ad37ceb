package com.campaignengine.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.personalize.PersonalizeResult.Failed;
import com.campaignengine.personalize.PersonalizeResult.Personalized;
import com.campaignengine.personalize.StubServer.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiCompatiblePersonalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-test-123";
  private static final String GOOD =
      "Hi Ada, as Head of Platform you know shipping speed matters. "
          + "See https://example.com/demo for a short demo. Best, Bob";

  static Reply ok(String text) {
    ObjectNode body =
        JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", text);
    choice.put("finish_reason", "stop");
    return Reply.json(200, body.toString());
  }

  static Reply error(int status, String type, String message) {
    return Reply.json(
        status,
        "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":null}}");
  }

  private static PersonalizeResult run(
      StubServer server, String key, Duration timeout, int retries) {
    return new OpenAiCompatiblePersonalizer(server.baseUrl(), key, "gpt-4o-mini", timeout, retries)
        .personalize(Requests.typical());
  }

  private static PersonalizeResult run(StubServer server) {
    return run(server, KEY, Duration.ofSeconds(5), 2);
  }

  @Test
  void success_returns_text_and_sends_the_documented_request() throws Exception {
    try (StubServer server = new StubServer(ok(GOOD))) {
      assertThat(run(server)).isEqualTo(new Personalized(GOOD));

      StubServer.Recorded request = server.requests().get(0);
      assertThat(request.path()).isEqualTo("/v1/chat/completions");
      assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
      JsonNode body = JSON.readTree(request.body());
      assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
      assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
      assertThat(body.at("/messages/0/content").asText()).contains("At most 60 words");
      assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
      assertThat(body.at("/messages/1/content").asText())
          .contains("Mention their role.", "company_context", Requests.DRAFT.strip());
      assertThat(body.path("max_tokens").asInt()).isPositive();
      assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
    }
  }

  @Test
  void sends_no_authorization_without_a_key() throws Exception {
    try (StubServer server = new StubServer(ok(GOOD))) {
      assertThat(run(server, null, Duration.ofSeconds(5), 0)).isInstanceOf(Personalized.class);
      assertThat(server.requests().get(0).header("Authorization")).isNull();
    }
  }

  @Test
  void retries_after429_using_the_backoff() throws Exception {
    try (StubServer server =
        new StubServer(error(429, "rate_limit_exceeded", "slow down"), ok(GOOD))) {
      assertThat(run(server)).isEqualTo(new Personalized(GOOD));
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void fails_after_repeated500s() throws Exception {
    Reply internal = error(500, "server_error", "boom");
    try (StubServer server = new StubServer(internal, internal, internal, ok(GOOD))) {
      assertThat(run(server)).isEqualTo(new Failed("HTTP 500: boom"));
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void fails_on400_without_retry() throws Exception {
    try (StubServer server =
        new StubServer(error(400, "invalid_request_error", "bad model"), ok(GOOD))) {
      assertThat(run(server)).isEqualTo(new Failed("HTTP 400: bad model"));
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void retry_after_beyond_the_cap_is_not_waited_for() throws Exception {
    Reply tooLong = error(429, "rate_limit_exceeded", "later").withHeader("Retry-After", "3600");
    try (StubServer server = new StubServer(tooLong, ok(GOOD))) {
      assertThat(run(server)).isEqualTo(new Failed("HTTP 429: later"));
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void fails_within_the_timeout_when_the_server_never_answers() throws Exception {
    try (StubServer server = new StubServer(Reply.hang())) {
      long start = System.nanoTime();
      PersonalizeResult result = run(server, KEY, Duration.ofMillis(500), 0);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(((Failed) result).reason()).startsWith("timeout");
      assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofMillis(2_000));
    }
  }

  @Test
  void bad_output_fails_the_check() throws Exception {
    List<String> bad =
        List.of(
            GOOD + " Also see www.evil.example",
            "Hi {{first_name}}, " + GOOD,
            (GOOD + " ").repeat(5),
            GOOD + " Write to carol@other.example.",
            "As an AI language model, I cannot write this email.");
    for (String output : bad) {
      try (StubServer server = new StubServer(ok(output))) {
        PersonalizeResult result = run(server);
        assertThat(((Failed) result).reason()).startsWith("output check: ");
      }
    }
  }

  @Test
  void truncated_or_filtered_output_fails() throws Exception {
    String filtered =
        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"finish_reason\":\"content_filter\"}]}";
    try (StubServer server = new StubServer(Reply.json(200, filtered))) {
      assertThat(run(server)).isEqualTo(new Failed("blocked: content_filter"));
    }
  }
}
