-- Events from the host application may come signed instead of with an API key (issue 18): the
-- workspace stores a secret (sealed with the server's secret key, like the ATS secrets) and the
-- host signs "<timestamp>.<body>" with it. A delivery is accepted once: the SHA-256 of each
-- accepted signature is kept for ten minutes (twice the timestamp's tolerance), so a replay of
-- a captured request within its tolerance is refused too.
ALTER TABLE ats_settings ADD COLUMN host_events_secret bytea;

ALTER TABLE events
  DROP CONSTRAINT events_source_check,
  ADD CONSTRAINT events_source_check CHECK (source IN ('api', 'host', 'greenhouse', 'lever'));

CREATE TABLE signed_deliveries_seen (
  workspace_id      bigint      NOT NULL,
  signature_sha256  bytea       NOT NULL,
  seen_at           timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, signature_sha256)
);
