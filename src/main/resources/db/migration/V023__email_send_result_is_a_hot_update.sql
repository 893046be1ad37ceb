-- Recording a provider's answer (status, sent_at, provider ids, error) updates the email_sends row
-- the hand-over inserted a moment earlier. Five indexes named those columns, in their keys or in
-- their predicates, so every such update was a non-HOT update that wrote a new entry into all ten
-- indexes of the table: about a third of the database time of an email step (bench, issue 15).
-- No index of email_sends names a column that changes after the insert any more; with room left on
-- each page, the answer is written as a HOT update, with no index entry at all.
--
-- What the dropped indexes served, and what serves it now:
--   email_sends_sent_idx (enrollment_id, id) WHERE sent      -> email_sends_once_per_step_uq,
--     whose first column is enrollment_id (an enrollment has a handful of sends);
--   email_sends_campaign_idx (campaign_id, step_id, status)   -> email_sends_campaign_created_idx
--     (a campaign's sends by step and status read all of a campaign's sends either way);
--   email_sends_campaign_sent_idx (campaign_id, sent_at)      -> email_sends_campaign_created_idx,
--     bounded by created_at, which is never later than sent_at;
--   email_sends_workspace_sent_idx (workspace_id, sent_at)    -> email_sends_workspace_created_idx:
--     the bounce alert counts the sends handed over within its window;
--   email_sends_mailbox_errors_idx WHERE failed or in_doubt   -> email_sends_mailbox_idx
--     (mailbox_id, created_at): a mailbox's sends of the last day, filtered.
DROP INDEX email_sends_sent_idx;
DROP INDEX email_sends_campaign_idx;
DROP INDEX email_sends_campaign_sent_idx;
DROP INDEX email_sends_workspace_sent_idx;
DROP INDEX email_sends_mailbox_errors_idx;

CREATE INDEX email_sends_campaign_created_idx ON email_sends (campaign_id, created_at);
CREATE INDEX email_sends_workspace_created_idx ON email_sends (workspace_id, created_at);

-- A row is inserted, then updated within seconds, a batch of them in one statement: its new version
-- must fit on the same page for the update to be HOT, and the old one cannot be pruned before that
-- statement commits. At fillfactor 70, 40 % of the updates were HOT (bench, 50,000 emails); at 50,
-- 94 %, and the email phase ran about 10 % faster. A page holds half as many new sends, but the old
-- versions are pruned in place instead of left as bloat: after that bench the table took 26 MB,
-- against 29 MB with the old indexes and the default fillfactor.
ALTER TABLE email_sends SET (fillfactor = 50);
