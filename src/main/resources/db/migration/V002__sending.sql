-- Sending for real: provider settings with encrypted secrets, limits enforced in the database,
-- deferral of a whole mailbox, threading, and an event log for alerts.

ALTER TABLE mailboxes
  ADD COLUMN timezone        text        NOT NULL DEFAULT 'UTC',   -- the mailbox's local day for daily_limit
  ADD COLUMN settings        jsonb       NOT NULL DEFAULT '{}',    -- provider settings without secrets
  ADD COLUMN secrets         bytea,                                -- AES-GCM sealed JSON of the secrets
  ADD COLUMN settings_version integer    NOT NULL DEFAULT 1,       -- bumped on every change: transports are rebuilt
  ADD COLUMN status_reason   text,
  ADD COLUMN deferred_until  timestamptz,                          -- a provider limit: no send before this
  ADD COLUMN quota_day       date,                                 -- local day that sent_today counts
  ADD COLUMN sent_today      integer     NOT NULL DEFAULT 0,
  ADD COLUMN quota_hour      timestamptz,                          -- start of the hour that sent_this_hour counts
  ADD COLUMN sent_this_hour  integer     NOT NULL DEFAULT 0,
  ADD COLUMN next_send_at    timestamptz,                          -- earliest next send (random gap)
  ADD COLUMN updated_at      timestamptz;

ALTER TABLE email_sends
  ADD COLUMN provider_thread_id text,
  ADD COLUMN in_reply_to        text;

-- What happened that an operator must know: a mailbox disconnected, a limit hit, a send in doubt.
CREATE TABLE engine_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id  bigint      NOT NULL,
  kind          text        NOT NULL,
  mailbox_id    bigint,
  campaign_id   bigint,
  execution_id  bigint,
  message       text        NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX engine_events_workspace_idx ON engine_events (workspace_id, id);

CREATE INDEX campaign_sequence_leads_mailbox_idx ON campaign_sequence_leads (mailbox_id, status);
CREATE INDEX email_sends_sent_idx ON email_sends (enrollment_id, id) WHERE status = 'sent';
