package com.campaignengine.personalize;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test fixtures: a typical request and its draft. */
final class Requests {

  static final String DRAFT =
      "Hi Ada,\n\nWe help teams ship faster. See https://example.com/demo for a short demo.\n\n"
          + "Best,\nBob (bob@sender.example)";

  private Requests() {}

  static PersonalizeRequest typical() {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("job_description", "Head of Platform at Analytical Engines Ltd");
    context.put("company_context", "Builds difference engines");
    return new PersonalizeRequest(
        "Mention their role.", 60, DRAFT, context, "Ada", "ada@engines.example", "Bob");
  }
}
