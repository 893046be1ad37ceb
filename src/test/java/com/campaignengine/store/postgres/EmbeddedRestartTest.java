package com.campaignengine.store.postgres;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.Application;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.testing.Scenario;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRestartTest {
  @TempDir Path dataDir;

  private Application open() {
    return Application.open(
        new Application.Options(
            dataDir,
            null,
            false,
            Clock.systemUTC(),
            EngineConfig.builder().build(),
            null,
            EngineListener.NONE,
            false));
  }

  @Test
  void a_restart_on_the_same_data_directory_keeps_campaigns() {
    long campaignId;
    long workspace;
    try (Application first = open()) {
      Scenario scenario = new Scenario(first);
      workspace = scenario.workspace;
      Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
      campaignId = campaign.id();
    }
    try (Application second = open()) {
      assertThat(second.campaigns.get(workspace, campaignId).steps()).hasSize(1);
      assertThat(second.workspaces.createFirstWorkspace(null)).as("not a fresh database").isEmpty();
    }
  }
}
