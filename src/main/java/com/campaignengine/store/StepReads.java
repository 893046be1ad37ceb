package com.campaignengine.store;

import java.util.Collection;
import java.util.Map;

/** What an inline step may read, in the claim's transaction. */
public interface StepReads {

  /** Enrollment status and person (no mailbox: an inline step sends nothing) per enrollment id. */
  Map<Long, RunContext> people(Collection<Long> enrollmentIds);

  /** Recorded replies, opens and clicks for each enrollment id. */
  Map<Long, Engagement> engagement(Collection<Long> enrollmentIds);
}
