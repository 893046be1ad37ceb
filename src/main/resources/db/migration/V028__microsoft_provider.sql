-- Microsoft 365 (issue 17): a mailbox may send through Microsoft Graph, and its Inbox is read
-- through Graph's delta query, checkpointed under source 'microsoft'.
ALTER TABLE mailboxes DROP CONSTRAINT mailboxes_provider_check;
ALTER TABLE mailboxes ADD CONSTRAINT mailboxes_provider_check
  CHECK (provider IN ('outbox', 'smtp', 'gmail', 'resend', 'microsoft'));

ALTER TABLE inbound_checkpoints DROP CONSTRAINT inbound_checkpoints_source_check;
ALTER TABLE inbound_checkpoints ADD CONSTRAINT inbound_checkpoints_source_check
  CHECK (source IN ('imap', 'gmail', 'microsoft'));
