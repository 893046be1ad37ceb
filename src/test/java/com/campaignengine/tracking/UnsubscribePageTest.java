package com.campaignengine.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnsubscribePageTest {

  @Test
  void confirmation_posts_to_the_action_and_escapes_everything() {
    String page =
        UnsubscribePage.confirmation(
            "https://t.example/u/TOK?a=1&b=\"2\"", "<script>alert(1)</script> & Co");

    assertThat(page)
        .contains(
            "<form method=\"post\" action=\"https://t.example/u/TOK?a=1&amp;b=&quot;2&quot;\">")
        .contains("name=\"List-Unsubscribe\" value=\"One-Click\"")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co")
        .doesNotContain("<script")
        .doesNotContainPattern("(?i)(src|href)=")
        .startsWith("<!DOCTYPE html>");
  }

  @Test
  void confirmation_works_without_a_name() {
    assertThat(UnsubscribePage.confirmation("https://t.example/u/T", null)).contains("this sender");
  }

  @Test
  void confirmation_refuses_a_script_action() {
    assertThatThrownBy(() -> UnsubscribePage.confirmation("javascript:alert(1)", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void done_shows_the_masked_address_escaped() {
    assertThat(UnsubscribePage.done("j***@example.com"))
        .contains("You are unsubscribed", "<strong>j***@example.com</strong>");
    assertThat(UnsubscribePage.done("<b>x</b>")).contains("&lt;b&gt;x&lt;/b&gt;");
    assertThat(UnsubscribePage.done(null)).contains("You are unsubscribed", "You will not");
  }
}
