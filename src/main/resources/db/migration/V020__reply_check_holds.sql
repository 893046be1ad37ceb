-- The check before every follow-up (issue 13): a mailbox that cannot be asked whether a person
-- replied holds its follow-ups. This row says since when, and why; the mailbox's health shows it
-- and an alert fires when the follow-ups have waited too long. Deleted when the mailbox answers
-- again; a row whose last_error_at is old is stale (nobody is holding any more).
CREATE TABLE reply_check_holds (
  mailbox_id     bigint      PRIMARY KEY,
  workspace_id   bigint      NOT NULL,
  waiting_since  timestamptz NOT NULL,
  last_error     text        NOT NULL,
  last_error_at  timestamptz NOT NULL
);
CREATE INDEX reply_check_holds_workspace_idx ON reply_check_holds (workspace_id);

-- Follow-ups waiting for a reply check, per mailbox: pending executions carry the error class
-- 'waiting_for_reply_check'. The V008 index of retrying executions (workspace_id, WHERE pending
-- and error_class IS NOT NULL) finds them.
