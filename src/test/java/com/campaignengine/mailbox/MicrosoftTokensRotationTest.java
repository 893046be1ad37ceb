package com.campaignengine.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.GraphStub;
import com.campaignengine.testing.MutableClock;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Microsoft rotates the refresh token on every refresh: the listener is told the new one, and it
 * runs outside the tokens' lock, so a listener that takes a while (storing the token) does not hold
 * up another caller of the same tokens.
 */
class MicrosoftTokensRotationTest {
  @RegisterExtension final GraphStub graph = GraphStub.start();

  @Test
  void the_listener_gets_the_rotated_token_without_holding_the_lock() throws Exception {
    MicrosoftTokens tokens =
        new MicrosoftTokens(
            graph.settings(),
            HttpClient.newHttpClient(),
            new MutableClock(Instant.parse("2026-03-02T14:00:00Z")));
    List<String> told = new CopyOnWriteArrayList<>();
    List<Boolean> otherCallerGotThrough = new CopyOnWriteArrayList<>();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      tokens.onRotated(
          rotated -> {
            told.add(rotated);
            // Another caller of the same tokens, while the listener runs.
            Future<?> call = other.submit(() -> tokens.rejected("some-other-token"));
            try {
              call.get(5, TimeUnit.SECONDS);
              otherCallerGotThrough.add(true);
            } catch (Exception e) {
              otherCallerGotThrough.add(false);
            }
          });
      assertThat(tokens.current()).isNotBlank();
    } finally {
      other.shutdownNow();
    }
    assertThat(told).containsExactly(tokens.refreshToken());
    assertThat(told.get(0)).isNotEqualTo(GraphStub.REFRESH_TOKEN);
    assertThat(otherCallerGotThrough).as("not blocked by the lock").containsExactly(true);
  }
}
