-- Retention: finished executions older than the retention period are deleted in batches; in the
-- same statement their counts are added here, so a campaign's stats survive the pruning.
CREATE TABLE campaign_step_rollups (
  campaign_id  bigint NOT NULL,
  step_id      bigint NOT NULL,
  status       text   NOT NULL,
  executions   bigint NOT NULL,
  PRIMARY KEY (campaign_id, step_id, status)
);
