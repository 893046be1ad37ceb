-- Dashboard logins: a session per login with a workspace's API key. Only the token's SHA-256 is
-- stored; deleting the API key ends its sessions.
CREATE TABLE dashboard_sessions (
  token_sha256  text        PRIMARY KEY,
  workspace_id  bigint      NOT NULL REFERENCES workspaces (id),
  api_key_id    bigint      NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL
);
CREATE INDEX dashboard_sessions_expiry_idx ON dashboard_sessions (expires_at);
