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

class GeminiPersonalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "AIza-test-key";
  private static final String GOOD =
      "Hi Ada, as Head of Platform you know shipping speed matters. "
          + "See https://example.com/demo for a short demo. Best, Bob";

  static Reply ok(String text) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode candidate = body.putArray("candidates").addObject();
    candidate
        .putObject("content")
        .put("role", "model")
        .putArray("parts")
        .addObject()
        .put("text", text);
    candidate.put("finishReason", "STOP");
    body.putObject("usageMetadata").put("totalTokenCount", 42);
    return Reply.json(200, body.toString());
  }

  static Reply error(int code, String status, String message) {
    return Reply.json(
        code,
        "{\"error\":{\"code\":"
            + code
            + ",\"message\":\""
            + message
            + "\",\"status\":\""
            + status
            + "\"}}");
  }

  private static PersonalizeResult run(StubServer server, Duration timeout, int retries) {
    return new GeminiPersonalizer(server.baseUrl(), KEY, "gemini-2.0-flash", timeout, retries)
        .personalize(Requests.typical());
  }

  @Test
  void success_returns_text_and_sends_the_documented_request() throws Exception {
    try (StubServer server = new StubServer(ok(GOOD))) {
      assertThat(run(server, Duration.ofSeconds(5), 2)).isEqualTo(new Personalized(GOOD));

      StubServer.Recorded request = server.requests().get(0);
      assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
      assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
      assertThat(request.query()).isNull();
      JsonNode body = JSON.readTree(request.body());
      assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
      assertThat(body.at("/contents/0/parts/0/text").asText())
          .contains("Mention their role.", "Head of Platform", Requests.DRAFT.strip());
      assertThat(body.at("/systemInstruction/parts/0/text").asText())
          .contains("At most 60 words", "Plain text", "URL", "Do not invent facts");
      assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isPositive();
      assertThat(body.at("/generationConfig/temperature").asDouble()).isEqualTo(0.7);
    }
  }

  @Test
  void a_question_is_asked_at_temperature_zero_and_its_answer_returned_unchecked()
      throws Exception {
    try (StubServer server = new StubServer(ok("not_now"))) {
      PersonalizeResult answer =
          new GeminiPersonalizer(
                  server.baseUrl(), KEY, "gemini-2.0-flash", Duration.ofSeconds(5), 0)
              .ask("Sort this reply.", "Subject: Re: hi\n\nLater please", 10);
      assertThat(answer).isEqualTo(new Personalized("not_now"));
      JsonNode body = JSON.readTree(server.requests().get(0).body());
      assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Sort this reply.");
      assertThat(body.at("/contents/0/parts/0/text").asText()).contains("Later please");
      assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(10);
      assertThat(body.at("/generationConfig/temperature").asDouble()).isZero();
    }
  }

  @Test
  void retries_after429() throws Exception {
    try (StubServer server =
        new StubServer(
            error(429, "RESOURCE_EXHAUSTED", "quota").withHeader("Retry-After", "0"), ok(GOOD))) {
      assertThat(run(server, Duration.ofSeconds(5), 2)).isInstanceOf(Personalized.class);
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void fails_after_repeated500s() throws Exception {
    Reply internal = error(500, "INTERNAL", "boom");
    try (StubServer server = new StubServer(internal, internal, internal, ok(GOOD))) {
      PersonalizeResult result = run(server, Duration.ofSeconds(5), 2);
      assertThat(result).isInstanceOf(Failed.class);
      assertThat(((Failed) result).reason()).startsWith("HTTP 500").contains("boom");
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void fails_on400_without_retry() throws Exception {
    try (StubServer server =
        new StubServer(error(400, "INVALID_ARGUMENT", "API key not valid"), ok(GOOD))) {
      assertThat(run(server, Duration.ofSeconds(5), 2))
          .isEqualTo(new Failed("HTTP 400: API key not valid"));
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void fails_within_the_timeout_when_the_server_never_answers() throws Exception {
    try (StubServer server = new StubServer(Reply.hang())) {
      long start = System.nanoTime();
      PersonalizeResult result = run(server, Duration.ofMillis(500), 0);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(result).isInstanceOf(Failed.class);
      assertThat(((Failed) result).reason()).startsWith("timeout");
      assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofMillis(2_000));
    }
  }

  @Test
  void retries_timeouts() throws Exception {
    try (StubServer server = new StubServer(Reply.hang(), ok(GOOD))) {
      assertThat(run(server, Duration.ofMillis(500), 1)).isEqualTo(new Personalized(GOOD));
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void bad_output_fails_the_check() throws Exception {
    List<String> bad =
        List.of(
            GOOD + " Also see https://evil.example/x",
            "Hi [Name], " + GOOD,
            (GOOD + " ").repeat(5),
            GOOD + " Write to carol@other.example.");
    for (String output : bad) {
      try (StubServer server = new StubServer(ok(output))) {
        PersonalizeResult result = run(server, Duration.ofSeconds(5), 2);
        assertThat(result).isInstanceOf(Failed.class);
        assertThat(((Failed) result).reason()).startsWith("output check: ");
        assertThat(server.requests()).hasSize(1);
      }
    }
  }

  @Test
  void blocked_prompt_fails() throws Exception {
    Reply blocked =
        Reply.json(200, "{\"promptFeedback\":{\"blockReason\":\"SAFETY\",\"safetyRatings\":[]}}");
    try (StubServer server = new StubServer(blocked)) {
      assertThat(run(server, Duration.ofSeconds(5), 2)).isEqualTo(new Failed("blocked: SAFETY"));
    }
  }

  @Test
  void safety_finish_reason_fails() throws Exception {
    Reply safety =
        Reply.json(200, "{\"candidates\":[{\"finishReason\":\"SAFETY\",\"safetyRatings\":[]}]}");
    try (StubServer server = new StubServer(safety)) {
      assertThat(run(server, Duration.ofSeconds(5), 2)).isEqualTo(new Failed("blocked: SAFETY"));
    }
  }

  @Test
  void empty_candidates_fail() throws Exception {
    try (StubServer server = new StubServer(Reply.json(200, "{\"candidates\":[]}"))) {
      PersonalizeResult result = run(server, Duration.ofSeconds(5), 2);
      assertThat(((Failed) result).reason()).startsWith("blocked: ");
    }
  }

  @Test
  void name_and_to_string_hide_the_key() {
    GeminiPersonalizer personalizer = new GeminiPersonalizer(KEY);
    assertThat(personalizer.name()).isEqualTo("gemini:gemini-2.0-flash");
    assertThat(personalizer.toString()).doesNotContain(KEY);
  }
}
