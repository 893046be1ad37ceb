-- Triggers from the host application or an ATS (issue 18, item 5). A workspace's rules map an
-- event (stage_changed, hired, rejected, custom) whose data match to an action: enroll in a
-- campaign, stop every sequence of the person, or stop the one of a campaign.
CREATE TABLE event_rules (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   bigint      NOT NULL REFERENCES workspaces (id),
  event_type     text        NOT NULL CHECK (event_type IN ('stage_changed', 'hired', 'rejected', 'custom')),
  match          jsonb       NOT NULL DEFAULT '{}',
  action         text        NOT NULL CHECK (action IN ('enroll', 'stop_all', 'stop_campaign')),
  campaign_id    bigint      REFERENCES campaign_sequences (id) ON DELETE CASCADE,
  create_person  boolean     NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  CHECK ((action = 'stop_all') = (campaign_id IS NULL))
);
CREATE INDEX event_rules_workspace_idx ON event_rules (workspace_id, event_type);
CREATE INDEX event_rules_campaign_idx ON event_rules (campaign_id);

-- Every event received, with what it did (for audit): one element per matching rule,
-- {"rule_id", "action", "campaign_id", "result", "reason", "enrollment_ids"}. An erased person's
-- events go with them.
CREATE TABLE events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id  bigint      NOT NULL REFERENCES workspaces (id),
  person_id     bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  event_type    text        NOT NULL,
  source        text        NOT NULL CHECK (source IN ('api', 'greenhouse', 'lever')),
  data          jsonb       NOT NULL DEFAULT '{}',
  actions       jsonb       NOT NULL DEFAULT '[]',
  received_at   timestamptz NOT NULL
);
CREATE INDEX events_workspace_idx ON events (workspace_id, id);
CREATE INDEX events_person_idx ON events (person_id, id);

-- The ATS webhooks of a workspace: the token in their URL names the workspace (it is not the
-- credential), and each ATS's secret, sealed with the server's secret key, proves the sender.
CREATE TABLE ats_settings (
  workspace_id           bigint      PRIMARY KEY REFERENCES workspaces (id),
  hook_token             text        NOT NULL UNIQUE,
  greenhouse_secret      bytea,
  lever_signature_token  bytea,
  updated_at             timestamptz NOT NULL
);
