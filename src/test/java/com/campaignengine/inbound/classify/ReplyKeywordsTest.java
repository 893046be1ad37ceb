package com.campaignengine.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.ReplyCategory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyKeywordsTest {

  @ParameterizedTest(name = "{1} -> {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "interested          | Sounds great, let's set up a call next week.",
        "interested          | I'm interested, tell me more",
        "interested          | Ja, ich bin interessiert.",
        "not_interested      | Thanks but I'm not interested.",
        "not_interested      | I'm not really interested, sorry.",
        "not_interested      | No longer interested in moving.",
        "not_interested      | Not that interested to be honest.",
        "not_interested      | No thanks, I'm happy where I am.",
        "not_interested      | Merci, mais je ne suis pas intéressé.",
        "not_interested      | Gracias, no me interesa.",
        "not_now             | Not right now, maybe reach out again next quarter.",
        "not_now             | Busy right now, can you check back in a few months?",
        "referral            | I'm not the right person, you should talk to Sam (sam@acme.com).",
        "referral            | Please reach out to my colleague Sam instead.",
        "wrong_person        | You have the wrong person.",
        "wrong_person        | I no longer work at Acme.",
        "unsubscribe_request | Please remove me from your list.",
        "unsubscribe_request | Stop emailing me. Not interested.",
        "unsubscribe_request | Bitte abmelden.",
        "auto_reply          | I am out of the office until Monday.",
        "other               | Who is this?",
      })
  void each_category_has_its_phrases(String category, String body) {
    assertThat(ReplyKeywords.categorize("Re: A new role", body))
        .isEqualTo(ReplyCategory.parse(category).orElseThrow());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"Re: Unsubscribe me please | unsubscribe_request", "RE: AW: hello | other"})
  void an_empty_body_is_judged_by_its_subject_without_re(String subject, String category) {
    assertThat(ReplyKeywords.categorize(subject, ""))
        .isEqualTo(ReplyCategory.parse(category).orElseThrow());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"Interested in a new role? | Who are you?"})
  void the_subject_is_ignored_when_there_is_a_body(String subject, String body) {
    assertThat(ReplyKeywords.categorize(subject, body)).isEqualTo(ReplyCategory.OTHER);
  }
}
