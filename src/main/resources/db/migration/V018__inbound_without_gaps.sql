-- Reading inbound mail without gaps (issue 13).

-- read_through: every message the mailbox received before it has been read. A re-read by date
--   (first read, UIDVALIDITY change, expired Gmail history) starts there, less a margin; before the
--   first read it is NULL and reading starts at the mailbox's creation or first send.
-- last_read_at: the last read that succeeded. last_error stays after a later success, with its
--   time, so that an operator sees what went wrong and whether it has recovered.
ALTER TABLE inbound_checkpoints
  ADD COLUMN read_through  timestamptz,
  ADD COLUMN last_read_at  timestamptz,
  ADD COLUMN last_error_at timestamptz;

UPDATE inbound_checkpoints
   SET read_through = CASE WHEN last_error IS NULL THEN last_polled_at END,
       last_read_at = CASE WHEN last_error IS NULL THEN last_polled_at END,
       last_error_at = CASE WHEN last_error IS NOT NULL THEN last_polled_at END;

-- The inbound messages each mailbox has processed, by Message-ID (or a hash of the header block
-- for messages without one), so that re-reading the same mail records nothing twice. Pruned with
-- the workspace's retention.
CREATE TABLE inbound_seen (
  mailbox_id   bigint      NOT NULL,
  message_key  text        NOT NULL,
  seen_at      timestamptz NOT NULL,
  PRIMARY KEY (mailbox_id, message_key)
);
CREATE INDEX inbound_seen_age_idx ON inbound_seen (seen_at);
