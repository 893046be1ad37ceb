package com.campaignengine.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {
  @Test
  void paragraphs_breaks_links_and_entities_become_readable_text() {
    String html =
        "<html><head><style>p{}</style></head><body><p>Hi Grace,</p><p>See <a href=\"https://jobs.example/r?a=1&amp;b=2\">the role</a>"
            + " &amp; tell me.<br>Thanks</p></body></html>";
    assertThat(HtmlToText.convert(html))
        .isEqualTo("Hi Grace,\n\nSee the role (https://jobs.example/r?a=1&b=2) & tell me.\nThanks");
  }
}
