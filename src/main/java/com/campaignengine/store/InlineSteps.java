package com.campaignengine.store;

import java.time.Instant;
import java.util.List;

/**
 * Steps that run inside the transaction that claims them (wait and condition steps): their rows are
 * locked, computed and moved on in one commit, with no lease and no {@code running} state; a crash
 * rolls back and they are due again at once. Every other claimed row is leased.
 */
public interface InlineSteps {

  /** Lease everything: nothing runs inside the claim. */
  InlineSteps NONE =
      new InlineSteps() {
        @Override
        public boolean runsInline(ClaimedExecution execution) {
          return false;
        }

        @Override
        public List<Completion> run(List<ClaimedExecution> due, StepReads reads, Instant now) {
          return List.of();
        }
      };

  boolean runsInline(ClaimedExecution execution);

  /**
   * Computes how each run ends, reading only through {@code reads} (the claim's own transaction);
   * must not throw: a step that fails is a completion (rescheduled or dead-lettered).
   */
  List<Completion> run(List<ClaimedExecution> due, StepReads reads, Instant now);
}
