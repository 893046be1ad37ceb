package com.campaignengine.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptsTest {

  @Test
  void systemStatesTheRules() {
    assertThat(Prompts.system(Requests.typical()))
        .contains("email body only", "Plain text", "At most 60 words", "every URL")
        .contains("Do not invent facts", "No placeholders");
  }

  @Test
  void userHoldsInstructionsContextAndDraft() {
    assertThat(Prompts.user(Requests.typical()))
        .contains("Instructions:\nMention their role.")
        .contains("- job_description: Head of Platform at Analytical Engines Ltd")
        .contains("Recipient name: Ada", "Sender name: Bob")
        .endsWith("Draft:\n" + Requests.DRAFT + "\n")
        .doesNotContain("ada@engines.example");
  }

  @Test
  void requestToStringHidesPromptMaterial() {
    assertThat(Requests.typical().toString())
        .doesNotContain("Mention", "Head of Platform", "demo")
        .contains("maxWords=60");
  }
}
