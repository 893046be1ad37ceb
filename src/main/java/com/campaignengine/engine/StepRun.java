package com.campaignengine.engine;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Step;
import com.campaignengine.store.ClaimedExecution;
import com.campaignengine.store.RunContext;

/** Everything a handler needs to run one claimed execution. */
public record StepRun(
    ClaimedExecution execution, Campaign campaign, Step step, RunContext context) {}
