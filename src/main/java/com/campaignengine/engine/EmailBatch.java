package com.campaignengine.engine;

import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.store.Completion;
import com.campaignengine.store.SendDraft;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of email runs once composed: the runs settled without a send (deferred, ended, dead-
 * lettered), and the others ready to be recorded as sends, in the order they were claimed.
 */
record EmailBatch(List<Completion> settled, List<Ready> ready) {

  /** One run's message, final (personalized if it asked for it), and the send row to record. */
  record Ready(StepRun run, OutgoingMessage message, SendDraft draft) {}

  /** The send rows to record, in order. */
  List<SendDraft> drafts() {
    return ready.stream().map(Ready::draft).toList();
  }

  /** The ready runs by execution id, as the store's send slots name them. */
  Map<Long, Ready> byExecution() {
    Map<Long, Ready> byExecution = new HashMap<>();
    ready.forEach(r -> byExecution.put(r.run().execution().id(), r));
    return byExecution;
  }
}
