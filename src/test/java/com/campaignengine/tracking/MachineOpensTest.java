package com.campaignengine.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MachineOpensTest {

  private static final Duration LATER = Duration.ofMinutes(30);

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      textBlock =
          """
          Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy) | true
          Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.246 Mozilla/5.0 | true
          YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html | true
          Mozilla/5.0 | true
          '' | true
          NULL | true
          python-requests/2.31.0 | true
          curl/8.4.0 | true
          Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | true
          Mozilla/5.0 (compatible; AhrefsBot/7.0) | true
          Barracuda Sentinel (EE) | true
          Mimecast-Scanner/1.0 | true
          Proofpoint URL Defense | true
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 | false
          Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 | false
          Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro) | false
          Mozilla/5.0 (Linux; Android 10; CUBOT_X30) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 | false
          """)
  void classifies_user_agents(String userAgent, boolean machine) {
    assertThat(MachineOpens.likely(userAgent, "203.0.113.9", LATER)).isEqualTo(machine);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      nullValues = "NULL",
      textBlock =
          """
          PT0.5S, 203.0.113.9, true
          PT1.999S, 203.0.113.9, true
          PT-3S, 203.0.113.9, true
          PT2S, 203.0.113.9, false
          NULL, 203.0.113.9, false
          PT1H, 17.58.101.12, true
          PT1H, ::ffff:17.58.101.12, true
          PT1H, 172.58.101.12, false
          PT1H, NULL, false
          """)
  void classifies_timing_and_address(Duration sinceSend, String address, boolean machine) {
    String humanAgent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15";

    assertThat(MachineOpens.likely(humanAgent, address, sinceSend)).isEqualTo(machine);
  }
}
