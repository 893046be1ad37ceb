package com.campaignengine.engine;

import com.campaignengine.store.ExecutionStore;
import com.campaignengine.store.Wakeups;
import com.campaignengine.template.TemplateEngine;
import com.campaignengine.tracking.Tracking;
import java.time.Clock;

/** What the engine is wired with; adapters come in through the ports. */
public record EngineDependencies(
    ExecutionStore store,
    CampaignCatalog campaigns,
    TransportResolver transports,
    TemplateEngine templates,
    Wakeups wakeups,
    Clock clock,
    EngineListener listener,
    Tracking tracking,
    Personalization.Settings personalization,
    ReplyChecks replyChecks) {

  /** Without the check before follow-ups ({@link ReplyChecks#NONE}). */
  public EngineDependencies(
      ExecutionStore store,
      CampaignCatalog campaigns,
      TransportResolver transports,
      TemplateEngine templates,
      Wakeups wakeups,
      Clock clock,
      EngineListener listener,
      Tracking tracking,
      Personalization.Settings personalization) {
    this(
        store,
        campaigns,
        transports,
        templates,
        wakeups,
        clock,
        listener,
        tracking,
        personalization,
        ReplyChecks.NONE);
  }
}
