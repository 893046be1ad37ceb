package com.campaignengine.store.postgres;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.node.StorageSettings;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.TestNode;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRestartTest {
  @TempDir Path dataDir;

  private TestNode open() {
    return TestNode.open(
        NodeOptions.withEnvironment(
            new StorageSettings(dataDir, null, false), EngineConfig.builder().build(), false),
        new Collaborators(Clock.systemUTC(), null, EngineListener.NONE, null));
  }

  @Test
  void a_restart_on_the_same_data_directory_keeps_campaigns() {
    long campaignId;
    long workspace;
    try (TestNode first = open()) {
      Scenario scenario = new Scenario(first);
      workspace = scenario.workspace;
      Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
      campaignId = campaign.id();
    }
    try (TestNode second = open()) {
      assertThat(second.campaigns.get(workspace, campaignId).steps().current()).hasSize(1);
      assertThat(second.workspaces.createFirstWorkspace(null)).as("not a fresh database").isEmpty();
    }
  }
}
