package com.campaignengine.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outbound webhooks go to public addresses only, unless the operator allows private networks. */
class DestinationsTest {

  @Test
  void local_and_private_addresses_are_refused_by_default() {
    for (String url :
        new String[] {
          "http://localhost:8080/hooks",
          "http://127.0.0.1/",
          "http://[::1]/",
          "http://0.0.0.0/",
          "http://10.1.2.3/",
          "http://172.16.0.9/",
          "http://192.168.1.1/",
          "http://169.254.169.254/latest/meta-data/",
          "http://100.64.0.1/",
          "http://[fd00::1]/",
          "http://[fe80::1]/"
        }) {
      assertThat(Destinations.PUBLIC_ONLY.refusal(url)).as(url).isPresent();
    }
    assertThat(Destinations.PUBLIC_ONLY.refusal("http://169.254.169.254/").orElseThrow())
        .contains("169.254.169.254")
        .contains("CAMPAIGN_ENGINE_WEBHOOK_PRIVATE_NETWORKS=allow");
    assertThat(Destinations.PUBLIC_ONLY.refusal("https://name.invalid/hooks").orElseThrow())
        .contains("does not resolve");
  }

  @Test
  void public_addresses_pass_and_the_operator_can_allow_private_ones() {
    assertThat(Destinations.PUBLIC_ONLY.refusal("https://93.184.216.34/hooks")).isEmpty();
    assertThat(Destinations.PUBLIC_ONLY.refusal("http://[2606:4700::1111]/")).isEmpty();
    assertThat(Destinations.ANY.refusal("http://localhost:8080/hooks")).isEmpty();
    assertThat(
            Destinations.fromEnvironment(
                Map.of("CAMPAIGN_ENGINE_WEBHOOK_PRIVATE_NETWORKS", "allow")::get))
        .isEqualTo(Destinations.ANY);
    assertThat(Destinations.fromEnvironment(name -> null)).isEqualTo(Destinations.PUBLIC_ONLY);
  }

  @Test
  void the_sender_checks_again_before_every_attempt() throws Exception {
    WebhookSender sender =
        new WebhookSender(
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Clock.systemUTC(),
            Destinations.PUBLIC_ONLY);
    AttemptResult result = sender.post("http://127.0.0.1:9/hooks", "msg_1", 0, "v1,x", "{}").get();
    assertThat(result).isInstanceOf(AttemptResult.Unreachable.class);
    assertThat(((AttemptResult.Unreachable) result).error()).startsWith("not sent: ");
  }
}
