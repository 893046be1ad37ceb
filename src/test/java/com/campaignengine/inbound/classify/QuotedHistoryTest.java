package com.campaignengine.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedHistoryTest {

  @Test
  void gmail_style_history_after_on_wrote_is_dropped() {
    String text =
        "Sounds good, Tuesday works.\r\n\r\nAda\r\n\r\n"
            + "On Mon, 2 Mar 2026 at 10:00, Bob <bob@example.com> wrote:\r\n"
            + "> Hi Ada,\r\n> would you like to chat?\r\n";
    assertThat(QuotedHistory.trim(text)).isEqualTo("Sounds good, Tuesday works.\n\nAda");
  }

  @Test
  void an_on_wrote_line_folded_over_two_lines_is_recognised() {
    String text =
        "Yes please.\nOn Mon, 2 Mar 2026 at 10:00, Bob Smith <bob@example.com>\nwrote:\nold";
    assertThat(QuotedHistory.trim(text)).isEqualTo("Yes please.");
  }

  @Test
  void original_message_separator_ends_the_reply() {
    String text = "Not now, thanks.\n\n-----Original Message-----\nFrom: Bob\nHello";
    assertThat(QuotedHistory.trim(text)).isEqualTo("Not now, thanks.");
  }

  @Test
  void an_outlook_from_sent_block_ends_the_reply() {
    String text =
        "Please talk to Sam.\n\nFrom: Bob Smith <bob@example.com>\n"
            + "Sent: Monday, March 2, 2026 10:00 AM\nTo: Ada\nSubject: Hello\n\nHi Ada";
    assertThat(QuotedHistory.trim(text)).isEqualTo("Please talk to Sam.");
  }

  @Test
  void a_from_line_without_sent_is_kept() {
    assertThat(QuotedHistory.trim("From: my phone\nYes!")).isEqualTo("From: my phone\nYes!");
  }

  @Test
  void quoted_lines_in_the_middle_are_dropped() {
    assertThat(QuotedHistory.trim("> your question\nMy answer\n>> older\nMore"))
        .isEqualTo("My answer\nMore");
  }

  @Test
  void the_body_is_bounded_and_null_is_empty() {
    assertThat(QuotedHistory.trim("x".repeat(30_000))).hasSize(QuotedHistory.MAX_CHARS);
    assertThat(QuotedHistory.trim(null)).isEmpty();
  }
}
