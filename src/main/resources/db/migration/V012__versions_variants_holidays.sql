-- Versioned live edits: an edit writes a new set of steps under the next version; the campaign
-- points at its current version. Steps of earlier versions stay (enrollments in flight run on
-- them until they are moved), so step keys and orders are unique per version only.
ALTER TABLE campaign_sequences ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE campaign_sequence_steps ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE campaign_sequence_steps
  DROP CONSTRAINT campaign_sequence_steps_campaign_id_step_key_key,
  DROP CONSTRAINT campaign_sequence_steps_campaign_id_step_order_key,
  ADD CONSTRAINT campaign_sequence_steps_version_key_uq UNIQUE (campaign_id, version, step_key),
  ADD CONSTRAINT campaign_sequence_steps_version_order_uq UNIQUE (campaign_id, version, step_order);

-- A/B variants of an email step: [{key, weight, subject, body, body_html}], fields overriding the
-- step's own; optionally a winner chosen by reply, click or open rate after N sends per variant.
ALTER TABLE campaign_sequence_steps
  ADD COLUMN variants            jsonb,
  ADD COLUMN winner_metric       text CHECK (winner_metric IN ('reply_rate', 'click_rate', 'open_rate')),
  ADD COLUMN winner_after_sends  integer CHECK (winner_after_sends > 0),
  ADD COLUMN winner_variant      text,
  ADD COLUMN winner_chosen_at    timestamptz;
ALTER TABLE email_sends ADD COLUMN variant_key text;
CREATE INDEX email_sends_variant_idx ON email_sends (step_id, variant_key) WHERE variant_key IS NOT NULL;

-- Holidays and blackout dates: no sending and no business day on them, in the person's calendar.
ALTER TABLE campaign_sequences
  ADD COLUMN holiday_country text,
  ADD COLUMN blackout_dates  date[] NOT NULL DEFAULT '{}';
CREATE TABLE workspace_holidays (
  workspace_id     bigint PRIMARY KEY REFERENCES workspaces (id),
  holiday_country  text,
  blackout_dates   date[] NOT NULL DEFAULT '{}',
  updated_at       timestamptz NOT NULL
);
