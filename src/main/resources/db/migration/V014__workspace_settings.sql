-- Settings a workspace changes for itself over the API. retention_days: how long finished
-- executions, engine events and resolved alerts are kept; NULL = the server's default
-- (serve --retention-days), 0 = keep forever.
CREATE TABLE workspace_settings (
  workspace_id    bigint      PRIMARY KEY REFERENCES workspaces (id),
  retention_days  integer     CHECK (retention_days BETWEEN 0 AND 3650),
  updated_at      timestamptz NOT NULL
);
