-- "Connect Gmail" / "Connect Microsoft 365" in flight (issue 17): the state sent to the provider,
-- single use and short lived, bound to the user who started the flow (and, for a reconnect, the
-- mailbox). Only the state's SHA-256 is stored; the PKCE verifier is kept as it is, useless without
-- the authorization code the provider hands to the browser. A table rather than memory, so the
-- callback may land on another node.
CREATE TABLE mailbox_connect_states (
  state_sha256   text        PRIMARY KEY,
  provider       text        NOT NULL CHECK (provider IN ('google', 'microsoft')),
  workspace_id   bigint      NOT NULL REFERENCES workspaces (id),
  user_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  mailbox_id     bigint      REFERENCES mailboxes (id) ON DELETE CASCADE,
  code_verifier  text        NOT NULL,
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL
);
CREATE INDEX mailbox_connect_states_expiry_idx ON mailbox_connect_states (expires_at);
CREATE INDEX mailbox_connect_states_workspace_idx ON mailbox_connect_states (workspace_id);

-- "Connect Microsoft 365" creates mailboxes of provider 'microsoft' (app/ProviderSettings accepts
-- it since the groundwork of issue 17). Idempotent: the Graph transport's migration may say the same.
ALTER TABLE mailboxes DROP CONSTRAINT IF EXISTS mailboxes_provider_check;
ALTER TABLE mailboxes ADD CONSTRAINT mailboxes_provider_check
  CHECK (provider IN ('outbox', 'smtp', 'gmail', 'resend', 'microsoft'));
