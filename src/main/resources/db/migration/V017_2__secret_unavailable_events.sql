-- The node an engine event happened on: a node that cannot unseal a mailbox's credentials (a key
-- other than the cluster's, or damaged secrets) is named in the secret_unavailable alert.
ALTER TABLE engine_events ADD COLUMN node_id text;
CREATE INDEX engine_events_secret_unavailable_idx
  ON engine_events (workspace_id, created_at) WHERE kind = 'secret_unavailable';
