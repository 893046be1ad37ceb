package com.campaignengine.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdHeadersTest {

  @Test
  void reads_folded_references_in_order() {
    String references =
        "<ce.41.aaaa1111@mail.acme.example>\r\n <CAGm8qZ1x=abc@mail.gmail.com>\r\n\t"
            + "<ce.42.bbbb2222@mail.acme.example>";

    assertThat(MessageIdHeaders.parseIdList(references))
        .containsExactly(
            "<ce.41.aaaa1111@mail.acme.example>",
            "<CAGm8qZ1x=abc@mail.gmail.com>",
            "<ce.42.bbbb2222@mail.acme.example>");
  }

  @Test
  void tolerates_commas_comments_and_old_style_phrases() {
    assertThat(MessageIdHeaders.parseIdList("<a@x>,<b@y> , (comment) <c@z>"))
        .containsExactly("<a@x>", "<b@y>", "<c@z>");
    assertThat(MessageIdHeaders.parseIdList("Your message of \"Mon, 2 Mar 2026\" <old@host>"))
        .containsExactly("<old@host>");
  }

  @Test
  void drops_garbage_empty_brackets_and_duplicates() {
    assertThat(MessageIdHeaders.parseIdList("<> junk <a@x> < > <a@x> <unterminated"))
        .containsExactly("<a@x>");
    assertThat(MessageIdHeaders.parseIdList("<garbage <inner@x>")).containsExactly("<inner@x>");
    assertThat(MessageIdHeaders.parseIdList("<id-folded-\r\n inside@x>"))
        .containsExactly("<id-folded-inside@x>");
  }

  @Test
  void null_or_empty_gives_empty_list() {
    assertThat(MessageIdHeaders.parseIdList(null)).isEmpty();
    assertThat(MessageIdHeaders.parseIdList("")).isEmpty();
    assertThat(MessageIdHeaders.parseIdList("no ids at all")).isEmpty();
  }
}
