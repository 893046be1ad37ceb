-- Stats that stay fast at a million executions: every count is an index-only scan of one
-- campaign's rows, never a join over all of a campaign's enrollments.

-- Opens and clicks carry their campaign and step, as sends do.
ALTER TABLE email_events
  ADD COLUMN campaign_id bigint,
  ADD COLUMN step_id     bigint;
UPDATE email_events e SET campaign_id = s.campaign_id, step_id = s.step_id
  FROM email_sends s WHERE s.id = e.email_send_id;
UPDATE email_events e SET campaign_id = l.campaign_id
  FROM campaign_sequence_leads l WHERE e.campaign_id IS NULL AND l.id = e.enrollment_id;
ALTER TABLE email_events ALTER COLUMN campaign_id SET NOT NULL;
CREATE INDEX email_events_campaign_idx
  ON email_events (campaign_id, event_type, enrollment_id) INCLUDE (step_id, likely_machine, occurred_at);

-- Replies too (step: the step of the email replied to, when known).
ALTER TABLE email_replies
  ADD COLUMN campaign_id bigint,
  ADD COLUMN step_id     bigint;
UPDATE email_replies r SET campaign_id = l.campaign_id
  FROM campaign_sequence_leads l WHERE l.id = r.enrollment_id;
UPDATE email_replies r SET step_id = s.step_id
  FROM email_sends s WHERE s.id = r.email_send_id;
ALTER TABLE email_replies ALTER COLUMN campaign_id SET NOT NULL;
CREATE INDEX email_replies_campaign_idx
  ON email_replies (campaign_id, enrollment_id) INCLUDE (step_id, received_at) WHERE NOT is_auto_reply;

-- Sends by step and status, sends per day, and a mailbox's recent errors.
CREATE INDEX email_sends_campaign_idx ON email_sends (campaign_id, step_id, status);
CREATE INDEX email_sends_campaign_sent_idx ON email_sends (campaign_id, sent_at) WHERE status = 'sent';
CREATE INDEX email_sends_mailbox_errors_idx
  ON email_sends (mailbox_id, created_at) WHERE status IN ('failed', 'in_doubt');

-- A campaign's upcoming work in due order (the dashboard's "upcoming sends").
CREATE INDEX campaign_sequence_executions_campaign_due_idx
  ON campaign_sequence_executions (campaign_id, scheduled_at) WHERE status = 'pending';

-- Enrollments that finished per day (bounced, unsubscribed, completed).
CREATE INDEX campaign_sequence_leads_finished_idx
  ON campaign_sequence_leads (campaign_id, finished_at) INCLUDE (status) WHERE finished_at IS NOT NULL;
