package com.campaignengine.engine;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Step;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variant assignment: stable per enrollment and step key, spread by weight, winner first. */
class VariantsTest {
  private static Step step(String key, String chosen, Step.Variant... variants) {
    return step(1, key, chosen, variants);
  }

  private static Step step(long id, String key, String chosen, Step.Variant... variants) {
    return anEmailStep(key).subject("s").body("b").withVariants(variants).chosen(chosen).asStep(id);
  }

  private static final Step.Variant A = new Step.Variant("a", 1, "A", null, null);
  private static final Step.Variant B = new Step.Variant("b", 3, "B", null, null);

  @Test
  void the_same_enrollment_always_gets_the_same_variant() {
    Step step = step("intro", null, A, B);
    for (long enrollment = 1; enrollment < 1000; enrollment++) {
      assertThat(Variants.pick(step, enrollment)).isEqualTo(Variants.pick(step, enrollment));
    }
    // A later version writes the step again under a new id: the person keeps their variant.
    Step sameKeyLaterVersion = step(99, "intro", null, A, B);
    Step otherKey = step(1, "bump", null, A, B);
    int differs = 0;
    for (long enrollment = 1; enrollment < 1000; enrollment++) {
      assertThat(Variants.pick(sameKeyLaterVersion, enrollment))
          .isEqualTo(Variants.pick(step, enrollment));
      if (!Variants.pick(otherKey, enrollment).equals(Variants.pick(step, enrollment))) {
        differs++;
      }
    }
    assertThat(differs).as("another step's test is drawn independently").isGreaterThan(100);
  }

  @Test
  void assignment_follows_the_weights() {
    Step step = step("intro", null, A, B);
    Map<String, Integer> counts = new HashMap<>();
    for (long enrollment = 1; enrollment <= 40_000; enrollment++) {
      counts.merge(Variants.pick(step, enrollment).orElseThrow().key(), 1, Integer::sum);
    }
    assertThat(counts.get("a")).isBetween(9_500, 10_500);
    assertThat(counts.get("b")).isBetween(29_500, 30_500);
  }

  @Test
  void a_chosen_winner_is_sent_to_everyone_and_no_variants_means_none() {
    Step decided = step("intro", "b", A, B);
    for (long enrollment = 1; enrollment < 200; enrollment++) {
      assertThat(Variants.pick(decided, enrollment)).contains(B);
    }
    assertThat(Variants.pick(step("intro", null), 7)).isEmpty();
  }
}
