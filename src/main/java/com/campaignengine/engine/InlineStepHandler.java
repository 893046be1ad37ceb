package com.campaignengine.engine;

import com.campaignengine.store.Completion;
import com.campaignengine.store.StepReads;
import java.time.Instant;
import java.util.List;

/**
 * Runs claimed executions of a step type that sends nothing (wait, condition) inside the claim's
 * transaction, reading only through {@code reads}; says how each ended. Thread-safe.
 */
interface InlineStepHandler {
  List<Completion> handle(List<StepRun> runs, StepReads reads, Instant now);
}
