-- Closing the loop: replies, auto-replies, bounces, unsubscribes, suppression, tracking.

-- Addresses the workspace must never email again (hard bounce, unsubscribe, complaint).
CREATE TABLE suppressions (
  workspace_id  bigint      NOT NULL,
  email         text        NOT NULL,   -- lower-case
  reason        text        NOT NULL CHECK (reason IN ('bounced', 'unsubscribed', 'complained', 'manual')),
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, email)
);

-- Where each mailbox's inbound source has read up to; leased so one node polls a mailbox at a time.
CREATE TABLE inbound_checkpoints (
  mailbox_id    bigint      NOT NULL REFERENCES mailboxes (id),
  source        text        NOT NULL CHECK (source IN ('imap', 'gmail')),
  checkpoint    text,
  locked_by     text,
  locked_until  timestamptz,
  last_polled_at timestamptz,
  last_error    text,
  PRIMARY KEY (mailbox_id, source)
);

ALTER TABLE email_replies
  ADD COLUMN mailbox_id   bigint,
  ADD COLUMN kind         text NOT NULL DEFAULT 'reply' CHECK (kind IN ('reply', 'auto_reply', 'company_reply')),
  ADD COLUMN return_date  date;
-- The same inbound message is recorded once, whichever node or source saw it.
CREATE UNIQUE INDEX email_replies_message_uq ON email_replies (enrollment_id, message_id) WHERE message_id IS NOT NULL;

CREATE TABLE email_bounces (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   bigint      NOT NULL,
  email_send_id  bigint      REFERENCES email_sends (id),
  recipient      text        NOT NULL,
  status         text        NOT NULL,
  hard           boolean     NOT NULL,
  diagnostic     text,
  received_at    timestamptz NOT NULL
);
CREATE INDEX email_bounces_recipient_idx ON email_bounces (workspace_id, recipient);

ALTER TABLE email_sends ADD COLUMN links text[];   -- the URLs of the email, in order: clicks redirect only there

ALTER TABLE email_events
  ADD COLUMN likely_machine boolean NOT NULL DEFAULT false,
  ADD COLUMN link_index     integer;

ALTER TABLE campaign_sequences
  ADD COLUMN pause_on_out_of_office boolean NOT NULL DEFAULT true;

ALTER TABLE campaign_sequence_leads
  ADD COLUMN resume_at timestamptz;   -- a paused enrollment resumes by itself then (out of office)
CREATE INDEX campaign_sequence_leads_resume_idx ON campaign_sequence_leads (resume_at) WHERE status = 'paused';
