package com.campaignengine.engine;

import com.campaignengine.store.Completion;
import java.time.Instant;
import java.util.List;

/**
 * Runs the claimed executions of one step type, a batch at a time, and says how each ended. The
 * engine applies the completions in one transaction. Handlers are thread-safe.
 */
public interface StepHandler {
  List<Completion> handle(List<StepRun> runs, Instant now);
}
