-- Events from the host application may come signed instead of with an API key (issue 18): the
-- workspace stores a secret (sealed with the server's secret key, like the ATS secrets) and the
-- host signs "<timestamp>.<body>" with it. A signed delivery is acted on once: the SHA-256 of each
-- accepted signature is kept (a host's for ten minutes, twice its timestamp's tolerance; an ATS's,
-- which carries no timestamp, for seven days), so a replay of a captured request, or an ATS's
-- retry of one already received, does nothing.
ALTER TABLE ats_settings ADD COLUMN host_events_secret bytea;

ALTER TABLE events
  DROP CONSTRAINT events_source_check,
  ADD CONSTRAINT events_source_check CHECK (source IN ('api', 'host', 'greenhouse', 'lever'));

CREATE TABLE signed_deliveries_seen (
  workspace_id      bigint      NOT NULL,
  source            text        NOT NULL,
  signature_sha256  bytea       NOT NULL,
  seen_at           timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, source, signature_sha256)
);
