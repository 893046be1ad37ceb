-- One enrollment never gets two sends of the same step (issue 12): a step of a campaign version is
-- a row of its own (campaign_sequence_steps.id), so (enrollment, step) names "this email to this
-- person". `resend` leaves room for a deliberate second attempt of the same step later (a
-- soft-bounced email sent again after a delay): each such send takes the next number, 1, 2, ...
--
-- Before this migration a loop through a wait step sent the same step again and again. Those
-- repeats stay (their opens, clicks and replies refer to them) and are numbered -1, -2, ... in the
-- order they were sent, so they never collide with a real resend. Retries of one execution reuse
-- its one row (execution_id stays unique), so nothing else changes for them.
ALTER TABLE email_sends ADD COLUMN resend integer NOT NULL DEFAULT 0;

UPDATE email_sends s
   SET resend = -numbered.repeat
  FROM (SELECT id,
               row_number() OVER (PARTITION BY enrollment_id, step_id ORDER BY created_at, id) - 1
                 AS repeat
          FROM email_sends) numbered
 WHERE s.id = numbered.id AND numbered.repeat > 0;

CREATE UNIQUE INDEX email_sends_once_per_step_uq ON email_sends (enrollment_id, step_id, resend);
-- The unique index leads with enrollment_id: it serves every lookup the old index did.
DROP INDEX email_sends_enrollment_idx;

-- Erasing a person (DELETE /api/v1/people/{id}) keeps their address suppressed only as
-- 'sha256:<hex>' of the lower-case address, with the reason it had, or 'erased'.
ALTER TABLE suppressions DROP CONSTRAINT suppressions_reason_check;
ALTER TABLE suppressions ADD CONSTRAINT suppressions_reason_check
  CHECK (reason IN ('bounced', 'unsubscribed', 'complained', 'manual', 'erased'));
