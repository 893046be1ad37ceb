-- Task steps (issue 18): a step that opens a task for a person (a LinkedIn request, a call) and
-- waits until it is completed or skipped, or until it is overdue; a condition can branch on the
-- outcome given when it was completed.

ALTER TABLE campaign_sequence_steps
  DROP CONSTRAINT campaign_sequence_steps_step_type_check,
  ADD CONSTRAINT campaign_sequence_steps_step_type_check
    CHECK (step_type IN ('email', 'wait', 'condition', 'task')),
  DROP CONSTRAINT campaign_sequence_steps_condition_type_check,
  ADD CONSTRAINT campaign_sequence_steps_condition_type_check
    CHECK (condition_type IN ('opened', 'clicked', 'replied', 'field', 'task_outcome')),
  ADD COLUMN task_channel      text CHECK (task_channel IN ('linkedin_connect', 'linkedin_message',
                                   'call', 'manual_email', 'other')),
  ADD COLUMN task_instructions text,
  ADD COLUMN task_due_in       integer CHECK (task_due_in >= 0),
  ADD COLUMN task_due_unit     text CHECK (task_due_unit IN ('minutes', 'hours', 'days',
                                   'business_days')),
  ADD COLUMN task_assignee     text,   -- a user's email; NULL: the enrollment's mailbox owner
  ADD COLUMN task_on_overdue   text CHECK (task_on_overdue IN ('wait', 'skip', 'end'));

-- One task per run of a task step (execution_id is the run's id, which stays while the run waits).
-- instructions are rendered with the person's fields when the task opens. assignee_user_id NULL:
-- anyone in the workspace (a mailbox without an owner). closed_by: 'user:<email>', 'key:<name>'
-- or 'overdue'. A task whose enrollment ended while it was open reads as cancelled.
CREATE TABLE campaign_tasks (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id     bigint      NOT NULL,
  campaign_id      bigint      NOT NULL,
  enrollment_id    bigint      NOT NULL,
  step_id          bigint      NOT NULL,
  execution_id     bigint      NOT NULL UNIQUE,
  channel          text        NOT NULL CHECK (channel IN ('linkedin_connect', 'linkedin_message',
                                   'call', 'manual_email', 'other')),
  instructions     text        NOT NULL,
  assignee_user_id bigint,
  due_at           timestamptz NOT NULL,
  on_overdue       text        NOT NULL CHECK (on_overdue IN ('wait', 'skip', 'end')),
  status           text        NOT NULL DEFAULT 'open'
                               CHECK (status IN ('open', 'completed', 'skipped', 'expired')),
  outcome          text        CHECK (length(outcome) <= 200),
  overdue_at       timestamptz,
  closed_by        text,
  closed_at        timestamptz,
  created_at       timestamptz NOT NULL
);
-- The task list: open first, soonest due first, per workspace (and per assignee).
CREATE INDEX campaign_tasks_list_idx ON campaign_tasks (workspace_id, status, due_at, id);
-- A task_outcome condition reads the enrollment's latest task.
CREATE INDEX campaign_tasks_enrollment_idx ON campaign_tasks (enrollment_id, id DESC);

-- Outbound webhooks (as V013's, their search_path pinned as V016_1 pins those): task.created when a task opens, task.closed when it leaves
-- 'open' (completed or skipped by a person, expired by its step's on_overdue).
CREATE FUNCTION webhook_capture_task_created() RETURNS trigger
LANGUAGE plpgsql SET search_path = ${flyway:defaultSchema} AS $$
BEGIN
  IF NOT webhook_wanted(ARRAY['task.created']) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_type, payload, occurred_at,
                                  next_attempt_at, created_at)
  SELECT w.workspace_id, w.id, 'task.created',
         jsonb_build_object(
           'workspace_id', t.workspace_id::text,
           'campaign_id', t.campaign_id::text,
           'enrollment_id', t.enrollment_id::text,
           'person_id', l.person_id::text,
           'email', p.email_address,
           'step_key', st.step_key,
           'task_id', t.id::text,
           'channel', t.channel,
           'instructions', t.instructions,
           'due_at', t.due_at,
           'assignee_email', u.email),
         t.created_at, t.created_at, t.created_at
    FROM new_tasks t
    JOIN webhook_subscriptions w
      ON w.workspace_id = t.workspace_id AND w.active AND 'task.created' = ANY (w.events)
    JOIN campaign_sequence_leads l ON l.id = t.enrollment_id
    LEFT JOIN people p ON p.id = l.person_id
    LEFT JOIN campaign_sequence_steps st ON st.id = t.step_id
    LEFT JOIN users u ON u.id = t.assignee_user_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER campaign_tasks_created_webhooks AFTER INSERT ON campaign_tasks
  REFERENCING NEW TABLE AS new_tasks
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_capture_task_created();

CREATE FUNCTION webhook_capture_task_closed() RETURNS trigger
LANGUAGE plpgsql SET search_path = ${flyway:defaultSchema} AS $$
BEGIN
  IF NOT webhook_wanted(ARRAY['task.closed']) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_type, payload, occurred_at,
                                  next_attempt_at, created_at)
  SELECT w.workspace_id, w.id, 'task.closed',
         jsonb_build_object(
           'workspace_id', t.workspace_id::text,
           'campaign_id', t.campaign_id::text,
           'enrollment_id', t.enrollment_id::text,
           'person_id', l.person_id::text,
           'email', p.email_address,
           'step_key', st.step_key,
           'task_id', t.id::text,
           'channel', t.channel,
           'status', t.status,
           'outcome', t.outcome,
           'closed_by', t.closed_by),
         t.closed_at, t.closed_at, t.closed_at
    FROM new_tasks t
    JOIN old_tasks o ON o.id = t.id
    JOIN webhook_subscriptions w
      ON w.workspace_id = t.workspace_id AND w.active AND 'task.closed' = ANY (w.events)
    JOIN campaign_sequence_leads l ON l.id = t.enrollment_id
    LEFT JOIN people p ON p.id = l.person_id
    LEFT JOIN campaign_sequence_steps st ON st.id = t.step_id
   WHERE o.status = 'open' AND t.status <> 'open';
  RETURN NULL;
END
$$;

CREATE TRIGGER campaign_tasks_closed_webhooks AFTER UPDATE ON campaign_tasks
  REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_capture_task_closed();
