package com.campaignengine.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.ReplyCategory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyModelTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not_now | not_now",
        "Not now. | not_now",
        "`referral` | referral",
        "\"Unsubscribe_Request\" | unsubscribe_request",
        "wrong-person | wrong_person"
      })
  void an_answer_of_one_category_is_read_leniently(String answer, String category) {
    assertThat(ReplyModel.parse(answer)).contains(ReplyCategory.parse(category).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "maybe", "interested, I think", "not_now or other"})
  void anything_else_is_no_category(String answer) {
    assertThat(ReplyModel.parse(answer)).isEmpty();
  }
}
