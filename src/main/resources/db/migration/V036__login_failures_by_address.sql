-- Failed logins are counted per address, known or not (they were counted per user): a lockout
-- must not tell a prober which addresses have an account. Only the SHA-256 of the lower-cased
-- address is kept; rows older than the window are pruned on every attempt. Rows of the old table
-- are minutes old at most and are not carried over.
DROP TABLE login_failures;
CREATE TABLE login_failures (
  address_sha256  text        NOT NULL,   -- hex
  failed_at       timestamptz NOT NULL
);
CREATE INDEX login_failures_address_idx ON login_failures (address_sha256, failed_at);
CREATE INDEX login_failures_age_idx ON login_failures (failed_at);
