package com.campaignengine.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptsTest {

  @Test
  void system_states_the_rules() {
    assertThat(Prompts.system(Requests.typical()))
        .contains("email body only", "Plain text", "At most 60 words", "every URL")
        .contains("Do not invent facts", "No placeholders");
  }

  @Test
  void user_holds_instructions_context_and_draft() {
    assertThat(Prompts.user(Requests.typical()))
        .contains("Instructions:\nMention their role.")
        .contains("- job_description: Head of Platform at Analytical Engines Ltd")
        .contains("Recipient name: Ada", "Sender name: Bob")
        .endsWith("Draft:\n" + Requests.DRAFT + "\n")
        .doesNotContain("ada@engines.example");
  }

  @Test
  void request_to_string_hides_prompt_material() {
    assertThat(Requests.typical().toString())
        .doesNotContain("Mention", "Head of Platform", "demo")
        .contains("maxWords=60");
  }
}
