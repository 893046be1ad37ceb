-- Core schema of campaign-engine. Table names follow design.md §3 (the product this engine was
-- specified for); engine-only tables sit beside them. Every row belongs to a workspace.

CREATE TABLE workspaces (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text        NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id  bigint      NOT NULL REFERENCES workspaces (id),
  key_sha256    text        NOT NULL UNIQUE,   -- the key itself is never stored
  key_prefix    text        NOT NULL,          -- first characters, to recognise a key in a list
  created_at    timestamptz NOT NULL
);

CREATE TABLE mailboxes (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id     bigint      NOT NULL REFERENCES workspaces (id),
  provider         text        NOT NULL CHECK (provider IN ('outbox', 'smtp', 'gmail', 'resend')),
  email            text        NOT NULL,
  display_name     text,
  daily_limit      integer     NOT NULL CHECK (daily_limit > 0),
  hourly_limit     integer     CHECK (hourly_limit > 0),
  min_gap_seconds  integer     NOT NULL DEFAULT 0 CHECK (min_gap_seconds >= 0),
  max_gap_seconds  integer     NOT NULL DEFAULT 0 CHECK (max_gap_seconds >= min_gap_seconds),
  status           text        NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'disconnected')),
  created_at       timestamptz NOT NULL,
  UNIQUE (workspace_id, email)
);

CREATE TABLE companies (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id  bigint NOT NULL REFERENCES workspaces (id),
  name          text,
  domain        text
);
CREATE UNIQUE INDEX companies_domain_uq ON companies (workspace_id, lower(domain)) WHERE domain IS NOT NULL;
CREATE UNIQUE INDEX companies_name_uq ON companies (workspace_id, lower(name)) WHERE domain IS NULL;

CREATE TABLE people (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   bigint      NOT NULL REFERENCES workspaces (id),
  email_address  text        NOT NULL,
  first_name     text,
  last_name      text,
  title          text,
  timezone       text,
  company_id     bigint      REFERENCES companies (id),
  custom         jsonb       NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX people_email_uq ON people (workspace_id, lower(email_address));

CREATE TABLE campaign_sequences (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id           bigint      NOT NULL REFERENCES workspaces (id),
  name                   text        NOT NULL,
  status                 text        NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'archived')),
  timezone               text,
  window_days            text[]      NOT NULL,  -- MON..SUN
  window_start           time        NOT NULL,
  window_end             time        NOT NULL,  -- exclusive; 23:59:59.999999 means until midnight
  stop_on_reply          boolean     NOT NULL,
  stop_on_company_reply  boolean     NOT NULL,
  track_opens            boolean     NOT NULL,
  track_clicks           boolean     NOT NULL,
  max_attempts           integer     NOT NULL CHECK (max_attempts BETWEEN 1 AND 20),
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL
);

CREATE TABLE campaign_sequence_mailboxes (
  campaign_id  bigint  NOT NULL REFERENCES campaign_sequences (id),
  mailbox_id   bigint  NOT NULL REFERENCES mailboxes (id),
  position     integer NOT NULL,
  PRIMARY KEY (campaign_id, mailbox_id)
);

CREATE TABLE campaign_sequence_steps (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id          bigint  NOT NULL REFERENCES campaign_sequences (id),
  step_order           integer NOT NULL,
  step_key             text    NOT NULL,
  step_type            text    NOT NULL CHECK (step_type IN ('email', 'wait', 'condition')),
  -- email
  subject              text,
  body                 text,
  body_html            text,
  same_thread          boolean NOT NULL DEFAULT false,
  -- wait
  wait_duration        integer CHECK (wait_duration >= 0),
  wait_unit            text    CHECK (wait_unit IN ('minutes', 'hours', 'days', 'business_days')),
  business_hours_only  boolean NOT NULL DEFAULT false,
  -- condition
  condition_type       text    CHECK (condition_type IN ('opened', 'clicked', 'replied', 'field')),
  condition_field      text,
  condition_operator   text    CHECK (condition_operator IN ('equals', 'not_equals', 'contains', 'exists', 'not_exists')),
  condition_value      text,
  -- routing: null ends the sequence
  next_step_id         bigint  REFERENCES campaign_sequence_steps (id),
  true_next_step_id    bigint  REFERENCES campaign_sequence_steps (id),
  false_next_step_id   bigint  REFERENCES campaign_sequence_steps (id),
  UNIQUE (campaign_id, step_key),
  UNIQUE (campaign_id, step_order)
);

CREATE TABLE campaign_sequence_leads (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id     bigint      NOT NULL REFERENCES workspaces (id),
  campaign_id      bigint      NOT NULL REFERENCES campaign_sequences (id),
  person_id        bigint      NOT NULL REFERENCES people (id),
  mailbox_id       bigint      NOT NULL REFERENCES mailboxes (id),
  status           text        NOT NULL CHECK (status IN ('active', 'paused', 'completed', 'replied', 'bounced', 'unsubscribed', 'stopped', 'failed')),
  current_step_id  bigint      REFERENCES campaign_sequence_steps (id),
  stop_reason      text,
  enrolled_at      timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  finished_at      timestamptz,
  UNIQUE (campaign_id, person_id)
);
CREATE INDEX campaign_sequence_leads_status_idx ON campaign_sequence_leads (campaign_id, status);
CREATE INDEX campaign_sequence_leads_person_idx ON campaign_sequence_leads (person_id);

-- The unit of durable work: one step run for one enrollment.
CREATE TABLE campaign_sequence_executions (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   bigint      NOT NULL,
  campaign_id    bigint      NOT NULL,
  enrollment_id  bigint      NOT NULL REFERENCES campaign_sequence_leads (id),
  step_id        bigint      NOT NULL REFERENCES campaign_sequence_steps (id),
  status         text        NOT NULL CHECK (status IN ('pending', 'running', 'paused', 'sent', 'completed', 'skipped', 'dead', 'cancelled')),
  scheduled_at   timestamptz NOT NULL,
  executed_at    timestamptz,
  attempts       integer     NOT NULL DEFAULT 0,
  version        bigint      NOT NULL DEFAULT 0,
  locked_by      text,
  locked_until   timestamptz,
  error_class    text,
  last_error     text,
  email_send_id  bigint,
  created_at     timestamptz NOT NULL
);
-- The claim query walks this index in scheduled_at order.
CREATE INDEX campaign_sequence_executions_due_idx
  ON campaign_sequence_executions (scheduled_at) WHERE status = 'pending';
-- The lease reaper and graceful release.
CREATE INDEX campaign_sequence_executions_running_idx
  ON campaign_sequence_executions (locked_until) WHERE status = 'running';
-- Guarantee 2: at most one live execution per enrollment.
CREATE UNIQUE INDEX campaign_sequence_executions_live_uq
  ON campaign_sequence_executions (enrollment_id) WHERE status IN ('pending', 'running', 'paused');
CREATE INDEX campaign_sequence_executions_enrollment_idx ON campaign_sequence_executions (enrollment_id);
CREATE INDEX campaign_sequence_executions_campaign_idx ON campaign_sequence_executions (campaign_id, step_id, status);
CREATE INDEX campaign_sequence_executions_dead_idx
  ON campaign_sequence_executions (workspace_id, id) WHERE status = 'dead';

CREATE TABLE email_sends (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id         bigint      NOT NULL,
  campaign_id          bigint      NOT NULL,
  enrollment_id        bigint      NOT NULL REFERENCES campaign_sequence_leads (id),
  execution_id         bigint      NOT NULL UNIQUE,   -- one send per execution, ever
  step_id              bigint      NOT NULL,
  mailbox_id           bigint      NOT NULL,
  message_id           text        NOT NULL UNIQUE,   -- deterministic, recorded before the provider is called
  to_address           text        NOT NULL,
  subject              text        NOT NULL,
  status               text        NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'in_doubt')),
  provider_message_id  text,
  error                text,
  created_at           timestamptz NOT NULL,
  sent_at              timestamptz
);
CREATE INDEX email_sends_enrollment_idx ON email_sends (enrollment_id);

CREATE TABLE email_replies (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   bigint      NOT NULL,
  enrollment_id  bigint      NOT NULL REFERENCES campaign_sequence_leads (id),
  email_send_id  bigint      REFERENCES email_sends (id),
  from_address   text        NOT NULL,
  subject        text,
  message_id     text,
  is_auto_reply  boolean     NOT NULL DEFAULT false,
  received_at    timestamptz NOT NULL
);
CREATE INDEX email_replies_enrollment_idx ON email_replies (enrollment_id);

-- Engagement events (opens, clicks); written by tracking, read by conditions and stats.
CREATE TABLE email_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   bigint      NOT NULL,
  enrollment_id  bigint      NOT NULL REFERENCES campaign_sequence_leads (id),
  email_send_id  bigint      REFERENCES email_sends (id),
  event_type     text        NOT NULL CHECK (event_type IN ('opened', 'clicked')),
  occurred_at    timestamptz NOT NULL
);
CREATE INDEX email_events_enrollment_idx ON email_events (enrollment_id, event_type);
