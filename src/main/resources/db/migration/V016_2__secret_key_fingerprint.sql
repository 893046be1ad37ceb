-- The fingerprint of the key that seals this database's secrets (mailbox credentials, webhook
-- signing secrets): an HMAC of a constant under a key derived from CAMPAIGN_ENGINE_SECRET_KEY, never
-- the key. The first node to start records it; a node with another key refuses to start instead of
-- failing every send it claims (issue 12). One row at most.
CREATE TABLE secret_key_fingerprint (
  id           boolean     PRIMARY KEY DEFAULT true CHECK (id),
  fingerprint  text        NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
