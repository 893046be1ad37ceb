package com.campaignengine.cli.code;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes a campaign as a file {@code apply} reads back to the same campaign: YAML with multi-line
 * texts as literal blocks and numbers-as-text quoted (ids stay strings), or pretty JSON. Nulls are
 * kept: a step's {@code next_step: null} ends the sequence, while an absent one goes on in order.
 */
public final class CampaignWriter {
  /** The file formats. */
  public enum Format {
    yaml,
    json
  }

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
          .build();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private CampaignWriter() {}

  public static String write(JsonNode campaign, Format format) {
    try {
      return switch (format) {
        case yaml -> YAML.writeValueAsString(campaign);
        case json -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(campaign) + "\n";
      };
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
