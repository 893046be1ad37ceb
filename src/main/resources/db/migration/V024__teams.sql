-- Teams (issue 16): users with roles, API keys that belong to a user or to the workspace, invites,
-- login throttling, mailbox owners and shares, and the audit log.

-- A person who logs in. An address belongs to one user on the whole server: logging in with it
-- needs no workspace to be named.
CREATE TABLE users (
  id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   bigint      NOT NULL REFERENCES workspaces (id),
  email          text        NOT NULL,
  name           text        NOT NULL,
  role           text        NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  password_hash  text,                    -- bcrypt; NULL until the invite is accepted
  oidc_subject   text,                    -- "issuer|sub" of the identity provider, once linked
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email_uq ON users (lower(email));
CREATE UNIQUE INDEX users_oidc_uq ON users (oidc_subject) WHERE oidc_subject IS NOT NULL;
CREATE INDEX users_workspace_idx ON users (workspace_id, id);

-- A one-time link to set a password. Only the token's SHA-256 is stored.
CREATE TABLE user_invites (
  token_sha256  text        PRIMARY KEY,
  user_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz
);
CREATE INDEX user_invites_user_idx ON user_invites (user_id);

-- Failed logins, for "at most 10 per user per 15 minutes". Pruned as they age.
CREATE TABLE login_failures (
  user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  failed_at  timestamptz NOT NULL
);
CREATE INDEX login_failures_user_idx ON login_failures (user_id, failed_at);

-- API keys: named, with a role; a user's key (its role capped by the user's) or a service key
-- (user_id NULL). Existing keys were the workspace's only key: a service key with the owner role.
ALTER TABLE api_keys
  ADD COLUMN name          text,
  ADD COLUMN role          text,
  ADD COLUMN user_id       bigint REFERENCES users (id) ON DELETE CASCADE,
  ADD COLUMN expires_at    timestamptz,
  ADD COLUMN revoked_at    timestamptz,
  ADD COLUMN last_used_at  timestamptz;
UPDATE api_keys SET name = 'workspace key', role = 'owner';
ALTER TABLE api_keys
  ALTER COLUMN name SET NOT NULL,
  ALTER COLUMN role SET NOT NULL,
  ADD CONSTRAINT api_keys_role_check CHECK (role IN ('owner', 'admin', 'member', 'viewer'));
CREATE INDEX api_keys_workspace_idx ON api_keys (workspace_id, id);

-- A dashboard session belongs to an API key (logged in with a key) or to a user.
ALTER TABLE dashboard_sessions
  ALTER COLUMN api_key_id DROP NOT NULL,
  ADD COLUMN user_id bigint REFERENCES users (id) ON DELETE CASCADE,
  ADD CONSTRAINT dashboard_sessions_owner_check CHECK (num_nonnulls(api_key_id, user_id) = 1);

-- A mailbox has an owner (NULL: the workspace's, as every mailbox made before users) and may be
-- shared with named users, who may then send from it ("send on behalf of").
ALTER TABLE mailboxes ADD COLUMN owner_user_id bigint REFERENCES users (id) ON DELETE SET NULL;
CREATE TABLE mailbox_shares (
  mailbox_id  bigint NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (mailbox_id, user_id)
);

-- Who changed what: one row per write through the API, in the write's own transaction.
CREATE TABLE audit_log (
  id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   bigint      NOT NULL,
  occurred_at    timestamptz NOT NULL,
  actor_user_id  bigint,
  actor_key_id   bigint,
  actor          text        NOT NULL,   -- "user:<email>" or "key:<name> (<prefix>)"
  method         text        NOT NULL,
  route          text        NOT NULL,   -- the route's pattern, e.g. /api/v1/campaigns/{id}
  action         text        NOT NULL,   -- e.g. campaigns.update
  object_type    text,
  object_id      text
);
CREATE INDEX audit_log_workspace_idx ON audit_log (workspace_id, id);
CREATE INDEX audit_log_time_idx ON audit_log (workspace_id, occurred_at);
