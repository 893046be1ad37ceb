-- Alerts (issue 6): one row per condition while it fires, kept as history once resolved. The
-- partial unique index lets exactly one node fire a condition (INSERT … ON CONFLICT DO NOTHING);
-- resolving is an UPDATE … RETURNING, so exactly one node notifies the resolution.

CREATE TABLE alerts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id  bigint      NOT NULL REFERENCES workspaces (id),
  alert_key     text        NOT NULL,   -- rule + subject, e.g. campaign_error_rate:campaign=12
  rule          text        NOT NULL,
  subject       text        NOT NULL,   -- e.g. campaign=12, mailbox=3, workspace=1
  campaign_id   bigint,
  mailbox_id    bigint,
  message       text        NOT NULL,
  status        text        NOT NULL CHECK (status IN ('firing', 'resolved')),
  fired_at      timestamptz NOT NULL,
  resolved_at   timestamptz,
  last_seen_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX alerts_firing_uq ON alerts (workspace_id, alert_key) WHERE status = 'firing';
CREATE INDEX alerts_workspace_idx ON alerts (workspace_id, id);

-- Pause the campaign by itself when its bounce or error rate spikes.
ALTER TABLE campaign_sequences
  ADD COLUMN auto_pause_on_spike boolean NOT NULL DEFAULT false;

-- What the rules read. Executions finished recently (error rate, dead letters growing):
CREATE INDEX campaign_sequence_executions_executed_idx
  ON campaign_sequence_executions (workspace_id, executed_at) WHERE executed_at IS NOT NULL;
-- Executions waiting for a retry after a failed attempt (error rate):
CREATE INDEX campaign_sequence_executions_retrying_idx
  ON campaign_sequence_executions (workspace_id) WHERE status = 'pending' AND error_class IS NOT NULL;
-- Recent sends of a workspace (bounce rate) and of a mailbox (when its daily cap was reached):
CREATE INDEX email_sends_workspace_sent_idx ON email_sends (workspace_id, sent_at) WHERE status = 'sent';
CREATE INDEX email_sends_mailbox_idx ON email_sends (mailbox_id, created_at);
