package com.campaignengine.mail.resend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptedIdsTest {

  @Test
  void forgets_the_oldest_beyond_capacity() {
    AcceptedIds ids = new AcceptedIds(2);
    ids.add("<a@x>");
    ids.add("<b@x>");
    ids.contains("<a@x>");
    ids.add("<c@x>");

    // Insertion order, not access order: a lookup does not keep an id alive.
    assertThat(ids.contains("<a@x>")).isFalse();
    assertThat(ids.contains("<b@x>")).isTrue();
    assertThat(ids.contains("<c@x>")).isTrue();
  }
}
