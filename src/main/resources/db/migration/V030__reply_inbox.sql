-- The reply inbox: what a reply said (plain text, quoted history trimmed, at most 20,000
-- characters), its category and who set it ('model', 'keywords', or the user or API key that
-- corrected it), and whether someone has handled it. Rows from before have no body or category.
ALTER TABLE email_replies
  ADD COLUMN body            text,
  ADD COLUMN category        text CHECK (category IN ('interested', 'not_interested', 'not_now',
                                 'referral', 'wrong_person', 'unsubscribe_request', 'auto_reply',
                                 'other')),
  ADD COLUMN category_set_by text,
  ADD COLUMN category_set_at timestamptz,
  ADD COLUMN handled         boolean NOT NULL DEFAULT false,
  ADD COLUMN handled_at      timestamptz;

-- The inbox's order: unhandled first, newest first.
CREATE INDEX email_replies_inbox_idx ON email_replies (workspace_id, handled, id DESC);
