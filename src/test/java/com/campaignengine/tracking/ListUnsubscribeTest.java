package com.campaignengine.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ListUnsubscribeTest {

  @Test
  void puts_the_https_uri_first_and_signals_one_click() {
    Map<String, String> headers =
        ListUnsubscribe.headers("https://t.example/u/TOKEN", "unsubscribe@t.example");

    assertThat(headers.keySet()).containsExactly("List-Unsubscribe", "List-Unsubscribe-Post");
    assertThat(headers.get("List-Unsubscribe"))
        .isEqualTo(
            "<https://t.example/u/TOKEN>, <mailto:unsubscribe@t.example?subject=unsubscribe>");
    assertThat(headers.get("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
    assertThat(String.join("", headers.values())).doesNotContain("\r", "\n");
  }

  @Test
  void the_mailto_is_optional_and_may_carry_its_scheme() {
    assertThat(ListUnsubscribe.headers("https://t.example/u/T", null))
        .containsEntry("List-Unsubscribe", "<https://t.example/u/T>");
    assertThat(ListUnsubscribe.headers("https://t.example/u/T", "mailto:u@t.example"))
        .containsEntry(
            "List-Unsubscribe",
            "<https://t.example/u/T>, <mailto:u@t.example?subject=unsubscribe>");
  }

  @Test
  void rejects_what_would_break_one_click_or_the_header() {
    for (String url :
        new String[] {
          "http://t.example/u/T",
          "mailto:u@t.example",
          "https://t.example/u/T>, <https://evil",
          "https://t.example/u/T\r\nBcc: x@evil.example",
          null
        }) {
      assertThatThrownBy(() -> ListUnsubscribe.headers(url, null))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> ListUnsubscribe.headers("https://t.example/u/T", "not an address"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ListUnsubscribe.headers("https://t.example/u/T", "a@b?cc=x@y"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
