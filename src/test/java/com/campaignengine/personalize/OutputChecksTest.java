package com.campaignengine.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputChecksTest {

  private static final PersonalizeRequest REQUEST = Requests.typical();
  private static final String GOOD =
      "Hi Ada, see https://example.com/demo. Reply to ada@engines.example or bob@sender.example.";

  private static Optional<String> problem(String output) {
    return OutputChecks.problem(output, REQUEST);
  }

  @Test
  void accepts_a_good_output() {
    assertThat(problem(GOOD)).isEmpty();
  }

  @Test
  void rejects_empty_and_blank() {
    assertThat(problem("")).contains("empty output");
    assertThat(problem(" \n\t ")).contains("empty output");
    assertThat(problem(null)).contains("empty output");
  }

  @Test
  void rejects_more_than_max_words_times_one_point_three() {
    // maxWords is 60: 78 words pass, 79 do not.
    assertThat(problem("word ".repeat(78))).isEmpty();
    assertThat(problem("word ".repeat(79))).contains("79 words, limit is 60");
  }

  @Test
  void rejects_template_braces() {
    assertThat(problem("Hi {{first_name}}, hello")).contains("contains a placeholder");
    assertThat(problem("Hi there }} hello")).contains("contains a placeholder");
  }

  @Test
  void rejects_bracket_and_brace_placeholders() {
    assertThat(problem("Hi [Name], hello")).contains("contains a placeholder");
    assertThat(problem("Hi [Company Name] team")).contains("contains a placeholder");
    assertThat(problem("Hi {name}, hello")).contains("contains a placeholder");
  }

  @Test
  void rejects_a_url_not_in_the_draft() {
    assertThat(problem("See https://evil.example/x"))
        .contains("contains a URL that is not in the draft");
    assertThat(problem("See http://example.com/other")).isPresent();
    assertThat(problem("See www.evil.example")).isPresent();
  }

  @Test
  void accepts_draft_urls_with_trailing_punctuation_or_other_scheme() {
    assertThat(problem("See http://www.example.com/demo/.")).isEmpty();
  }

  @Test
  void rejects_another_email_address() {
    assertThat(problem("Write to carol@other.example."))
        .contains("contains an email address other than the recipient's or sender's");
  }

  @Test
  void accepts_the_sender_email_from_context() {
    PersonalizeRequest request =
        new PersonalizeRequest(
            "", 60, "Hi", Map.of("sender_email", "Bob@Corp.example"), "Ada", null, "Bob");
    assertThat(OutputChecks.problem("Write to bob@corp.example", request)).isEmpty();
  }

  @Test
  void rejects_refusals() {
    assertThat(problem("As an AI, I would say hello")).contains("looks like a refusal");
    assertThat(problem("Sorry, I cannot help with that")).contains("looks like a refusal");
  }

  @Test
  void rejects_more_than_ten_thousand_characters() {
    PersonalizeRequest generous =
        new PersonalizeRequest("", 100_000, "draft", Map.of(), null, null, null);
    assertThat(OutputChecks.problem("x".repeat(10_000), generous)).isEmpty();
    assertThat(OutputChecks.problem("x".repeat(10_001), generous))
        .contains("longer than 10000 characters");
  }
}
