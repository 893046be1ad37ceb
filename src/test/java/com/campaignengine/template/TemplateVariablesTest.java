package com.campaignengine.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateVariablesTest {

  @Test
  void builds_nested_maps_and_drops_nulls() {
    Map<String, String> custom = new HashMap<>();
    custom.put("skill", "Go");
    custom.put("empty", null);
    TemplateVariables v =
        TemplateVariables.of(
            new PersonFields("Ada", null, null, "ada@example.com"),
            null,
            custom,
            new SenderFields("Sam", "sam@example.com"),
            "Launch",
            null);

    assertThat(v.values())
        .containsEntry("first_name", "Ada")
        .containsEntry("email_address", "ada@example.com")
        .containsEntry("custom", Map.of("skill", "Go"))
        .containsEntry("sender", Map.of("name", "Sam", "email", "sam@example.com"))
        .containsEntry("campaign", Map.of("name", "Launch"))
        .doesNotContainKeys("last_name", "company", "unsubscribe_url");
  }
}
