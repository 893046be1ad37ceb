package com.campaignengine.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SpintaxTest {
  @Test
  void one_option_is_chosen_and_handlebars_tags_are_left_alone() {
    String out = Spintax.spin("{Hi|Hello|Hey} {{first_name}}, {quick|short} question", 42);
    assertThat(out).matches("(Hi|Hello|Hey) \\{\\{first_name}}, (quick|short) question");
  }

  @Test
  void nested_groups_and_handlebars_inside_options_work() {
    String out = Spintax.spin("{Hi {{first_name}}|{Hello|Hey} there}!", 7);
    assertThat(out).isIn("Hi {{first_name}}!", "Hello there!", "Hey there!");
  }

  @Test
  void braces_without_a_bar_and_unbalanced_braces_are_kept() {
    assertThat(Spintax.spin("a {b} c | d", 1)).isEqualTo("a {b} c | d");
    assertThat(Spintax.spin("open {a|b", 1)).isEqualTo("open {a|b");
  }

  @Test
  void different_seeds_reach_every_option() {
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 200; seed++) {
      seen.add(Spintax.spin("{a|b|c}", seed));
    }
    assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Property(tries = 300)
  void the_same_seed_always_renders_the_same_text(@ForAll long seed) {
    String template = "{Hi|Hello} {there|friend}, {{first_name}} - {a|{b|c}|d}";
    assertThat(Spintax.spin(template, seed)).isEqualTo(Spintax.spin(template, seed));
  }
}
