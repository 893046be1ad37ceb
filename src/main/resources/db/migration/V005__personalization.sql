-- AI personalization: per-step instructions, a cache, a per-workspace daily budget, and what was
-- actually sent (the personalized text, or the template with the reason it fell back).

ALTER TABLE campaign_sequence_steps
  ADD COLUMN ai_instructions text,
  ADD COLUMN ai_max_words    integer CHECK (ai_max_words BETWEEN 10 AND 1000),
  ADD COLUMN ai_context      jsonb;          -- context name -> template (e.g. job description)

ALTER TABLE email_sends
  ADD COLUMN body_text                text,     -- the text part actually sent
  ADD COLUMN personalized             boolean NOT NULL DEFAULT false,
  ADD COLUMN personalization_fallback text;     -- why the plain template was used, if it was

-- One model call per (step, person, template version): a retry or a second node reuses it.
CREATE TABLE personalization_cache (
  step_id        bigint      NOT NULL,
  person_id      bigint      NOT NULL,
  template_hash  text        NOT NULL,
  text           text        NOT NULL,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (step_id, person_id, template_hash)
);

CREATE TABLE personalization_budget (
  workspace_id  bigint  NOT NULL,
  day           date    NOT NULL,
  used          integer NOT NULL,
  PRIMARY KEY (workspace_id, day)
);
