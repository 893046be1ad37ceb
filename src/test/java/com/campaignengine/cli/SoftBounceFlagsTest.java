package com.campaignengine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.campaign.SoftBounceResends;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code serve --soft-bounce-resend-after} and {@code --soft-bounce-resends}: durations as people
 * write them, and a bad value is one line and exit code 2 before anything starts.
 */
class SoftBounceFlagsTest {

  private static SoftBounceResends given(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    return serve.softBounceResends();
  }

  @Test
  void by_default_four_hours_twice() {
    assertThat(given()).isEqualTo(SoftBounceResends.DEFAULTS);
    assertThat(given().after()).isEqualTo(Duration.ofHours(4));
    assertThat(given().max()).isEqualTo(2);
  }

  @Test
  void a_delay_as_people_write_it_or_in_iso_8601() {
    assertThat(given("--soft-bounce-resend-after", "90m").after())
        .isEqualTo(Duration.ofMinutes(90));
    assertThat(given("--soft-bounce-resend-after", "2d").after()).isEqualTo(Duration.ofDays(2));
    assertThat(given("--soft-bounce-resend-after", "PT6H", "--soft-bounce-resends", "5"))
        .isEqualTo(new SoftBounceResends(Duration.ofHours(6), 5));
    assertThat(DurationText.parse(" 45s ")).isEqualTo(Duration.ofSeconds(45));
    assertThatThrownBy(() -> DurationText.parse("-PT1H"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zero_of_either_turns_resending_off() {
    assertThat(given("--soft-bounce-resend-after", "0").enabled()).isFalse();
    assertThat(given("--soft-bounce-resends", "0").enabled()).isFalse();
    assertThat(given().enabled()).isTrue();
  }

  @Test
  void a_bad_value_is_one_line_and_exit_code_2() {
    assertUsageError(
        CliTestSupport.run("serve", "--soft-bounce-resends", "6"), "--soft-bounce-resends");
    assertUsageError(
        CliTestSupport.run("serve", "--soft-bounce-resends", "-1"), "--soft-bounce-resends");
    assertUsageError(
        CliTestSupport.run("serve", "--soft-bounce-resends", "two"), "--soft-bounce-resends");
    assertUsageError(
        CliTestSupport.run("serve", "--soft-bounce-resend-after", "soon"),
        "--soft-bounce-resend-after");
    assertUsageError(
        CliTestSupport.run("serve", "--soft-bounce-resend-after", "30s"),
        "--soft-bounce-resend-after");
    assertUsageError(
        CliTestSupport.run("serve", "--soft-bounce-resend-after", "31d"),
        "--soft-bounce-resend-after");
  }

  private static void assertUsageError(CliTestSupport.Run run, String flag) {
    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).as(run.toString()).startsWith("error: ").contains(flag);
  }
}
