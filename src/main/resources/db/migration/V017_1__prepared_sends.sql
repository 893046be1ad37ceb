-- A batch reserves its sends (the mailbox's quota; the Message-ID is derived from the execution)
-- without writing them; each send is written as 'sending' right before its own provider call (in
-- small groups only for a provider faster than that write). After a crash only 'sending' rows can
-- be in doubt; a send never written was never handed over, and the next node sends it as normal
-- work, with the same Message-ID. 'prepared': a row written by a group hand-over whose send did not
-- go out after all (the node stopped, the mailbox was blocked, the work was paused); it is sent,
-- like a failed one, by whoever runs the execution next.
ALTER TABLE email_sends DROP CONSTRAINT email_sends_status_check;
ALTER TABLE email_sends ADD CONSTRAINT email_sends_status_check
  CHECK (status IN ('prepared', 'sending', 'sent', 'failed', 'in_doubt'));
