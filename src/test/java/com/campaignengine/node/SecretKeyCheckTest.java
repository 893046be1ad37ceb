package com.campaignengine.node;

import static com.campaignengine.testing.Mailboxes.anSmtpMailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.failure.StartupException;
import com.campaignengine.secrets.SecretBox;
import com.campaignengine.secrets.SecretKeys;
import com.campaignengine.secrets.SecretUnavailableException;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.campaignengine.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database keeps the fingerprint of the key its secrets are sealed with, and a node with
 * another key refuses to start instead of claiming sends it cannot make; a secret that does not
 * open is an exception of its own kind.
 */
class SecretKeyCheckTest {
  private static final String OTHER_KEY =
      Base64.getEncoder()
          .encodeToString("another-key-of-thirty-two-bytes!".getBytes(StandardCharsets.US_ASCII));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T14:00:00Z"));

  @TempDir Path dirA;
  @TempDir Path dirB;

  @Test
  void a_second_node_with_another_key_refuses_to_start_and_one_with_the_same_key_starts() {
    String url = TestPostgres.newDatabaseUrl();
    try (TestNode first = node(url, dirA, TestApplications.SECRET_KEY)) {
      new Scenario(first)
          .mailbox(
              anSmtpMailbox("grace@recruit.example")
                  .with("smtp", Map.of("host", "smtp.recruit.example", "port", 587))
                  .secret("smtp.password", "hunter2"));

      assertThatThrownBy(() -> node(url, dirB, OTHER_KEY).close())
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("is not the key this database's secrets are sealed with")
          .hasMessageContaining("CAMPAIGN_ENGINE_SECRET_KEY")
          .hasMessageNotContaining(OTHER_KEY)
          .hasMessageNotContaining(TestApplications.SECRET_KEY);
      try (TestNode same = node(url, dirB, TestApplications.SECRET_KEY)) {
        assertThat(same.workspaces.createFirstWorkspace(null)).isEmpty();
      }
    }
    // What is recorded is a fingerprint, never the key.
    String recorded = Sql.text(url, "SELECT fingerprint FROM secret_key_fingerprint").orElseThrow();
    byte[] key = Base64.getDecoder().decode(TestApplications.SECRET_KEY);
    assertThat(recorded)
        .isEqualTo(SecretKeys.fingerprint(key))
        .doesNotContain(TestApplications.SECRET_KEY);
  }

  @Test
  void on_a_database_from_before_fingerprints_a_key_that_cannot_open_its_secrets_is_refused() {
    String url = TestPostgres.newDatabaseUrl();
    try (TestNode first = node(url, dirA, TestApplications.SECRET_KEY)) {
      new Scenario(first)
          .mailbox(
              anSmtpMailbox("grace@recruit.example")
                  .with("smtp", Map.of("host", "smtp.recruit.example", "port", 587))
                  .secret("smtp.password", "hunter2"));
    }
    Sql.execute(url, "DELETE FROM secret_key_fingerprint");

    assertThatThrownBy(() -> node(url, dirB, OTHER_KEY).close())
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("sealed with another key");
    assertThat(Sql.count(url, "SELECT count(*) FROM secret_key_fingerprint")).isZero();
  }

  @Test
  void a_secret_sealed_with_another_key_does_not_open_with_an_exception_of_its_own() {
    byte[] sealed = new SecretBox(Base64.getDecoder().decode(OTHER_KEY)).seal("hunter2");
    SecretBox box = new SecretBox(Base64.getDecoder().decode(TestApplications.SECRET_KEY));

    assertThatThrownBy(() -> box.open(sealed)).isInstanceOf(SecretUnavailableException.class);
    assertThatThrownBy(() -> box.open(new byte[] {9, 9, 9}))
        .isInstanceOf(SecretUnavailableException.class);
  }

  private TestNode node(String url, Path dataDir, String key) {
    return TestNode.open(
        NodeOptions.withEnvironment(
                new StorageSettings(dataDir, url, false), EngineConfig.builder().build(), false)
            .with(settings -> settings.withSecretKey(key)),
        new Collaborators(clock, mailbox -> null, EngineListener.NONE, null));
  }
}
