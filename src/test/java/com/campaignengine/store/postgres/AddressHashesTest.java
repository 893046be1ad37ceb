package com.campaignengine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressHashesTest {

  private static AddressHashes of(String... addresses) {
    AddressHashes hashes = new AddressHashes();
    for (String address : addresses) {
      hashes.add(address);
    }
    return hashes;
  }

  @Test
  void a_million_different_addresses_never_repeat() {
    AddressHashes hashes = new AddressHashes();
    for (int i = 0; i < 1_000_000; i++) {
      hashes.add("p" + i + "@example.org");
    }

    assertThat(hashes.mayRepeat()).isFalse();
  }

  @Test
  void an_address_given_again_in_another_case_may_repeat() {
    assertThat(of("ada@engine.example", "grace@navy.example").mayRepeat()).isFalse();
    assertThat(of("ada@engine.example", "grace@navy.example", "ADA@Engine.example").mayRepeat())
        .isTrue();
  }

  @Test
  void an_address_outside_ascii_leaves_the_decision_to_the_database() {
    assertThat(of("ada@engine.example", "\u00e4da@engine.example").mayRepeat()).isTrue();
  }
}
