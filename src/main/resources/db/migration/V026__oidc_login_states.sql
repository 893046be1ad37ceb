-- OIDC logins in flight (issue 16): the state sent to the identity provider, single use and short
-- lived, with the nonce and the PKCE verifier it stands for. Only the state's SHA-256 is stored;
-- a table rather than memory, so the callback may land on another node.
CREATE TABLE oidc_login_states (
  state_sha256   text        PRIMARY KEY,
  nonce          text        NOT NULL,
  code_verifier  text        NOT NULL,
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL
);
CREATE INDEX oidc_login_states_expiry_idx ON oidc_login_states (expires_at);
