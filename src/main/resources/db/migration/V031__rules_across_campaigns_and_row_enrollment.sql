-- Issue 18: rules across campaigns (workspace settings, all off by default) and enrollment by
-- inserting a row into campaign_sequence_leads, as the seed's product does.
--
-- ONE definition of who may be enrolled: enrollment_skip_reason() below. The API calls it in the
-- transaction of its insert (PostgresEnrollmentStore.enroll); the trigger on campaign_sequence_leads
-- calls it for a row a host application inserted. Both first call enrollment_lock_people() so
-- that two enrollments of one person into two campaigns cannot both pass
-- one_active_sequence_per_person: the person's row is locked (FOR NO KEY UPDATE, ids in order).

ALTER TABLE workspace_settings
  ADD COLUMN one_active_sequence_per_person boolean NOT NULL DEFAULT false,
  ADD COLUMN stop_all_on_reply              boolean NOT NULL DEFAULT false,
  ADD COLUMN recontact_cooldown_days        integer CHECK (recontact_cooldown_days BETWEEN 0 AND 3650);

-- A row that breaks a rule stays, marked: status 'skipped' and the reason. It never runs.
ALTER TABLE campaign_sequence_leads DROP CONSTRAINT campaign_sequence_leads_status_check;
ALTER TABLE campaign_sequence_leads ADD CONSTRAINT campaign_sequence_leads_status_check
  CHECK (status IN ('active', 'paused', 'completed', 'replied', 'bounced', 'unsubscribed',
                    'stopped', 'failed', 'skipped'));
ALTER TABLE campaign_sequence_leads
  ALTER COLUMN status SET DEFAULT 'active',
  ADD COLUMN skip_reason     text,
  ADD COLUMN inserted_as_row boolean NOT NULL DEFAULT false;  -- by a host application, not the API

-- Locks the people about to be enrolled in the workspace, in id order, when a rule needs it.
CREATE FUNCTION enrollment_lock_people(p_workspace bigint, p_people bigint[]) RETURNS void
  LANGUAGE plpgsql SET search_path = ${flyway:defaultSchema} AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM workspace_settings
              WHERE workspace_id = p_workspace AND one_active_sequence_per_person) THEN
    PERFORM 1 FROM people WHERE id = ANY (p_people) ORDER BY id FOR NO KEY UPDATE;
  END IF;
END
$$;

-- Why the person may not be enrolled into the campaign at p_at, or NULL when they may.
CREATE FUNCTION enrollment_skip_reason(p_workspace bigint, p_campaign bigint, p_person bigint,
                                       p_at timestamptz) RETURNS text
  LANGUAGE plpgsql SET search_path = ${flyway:defaultSchema} AS $$
DECLARE
  v_campaign_status text;
  v_email text;
  v_suppressed text;
  s workspace_settings%ROWTYPE;
BEGIN
  SELECT status INTO v_campaign_status FROM campaign_sequences
   WHERE id = p_campaign AND workspace_id = p_workspace;
  IF v_campaign_status IS NULL THEN
    RETURN 'unknown_campaign';
  ELSIF v_campaign_status = 'draft' THEN
    RETURN 'campaign_draft';
  ELSIF v_campaign_status = 'archived' THEN
    RETURN 'campaign_archived';
  END IF;
  SELECT email_address INTO v_email FROM people WHERE id = p_person AND workspace_id = p_workspace;
  IF v_email IS NULL THEN
    RETURN 'unknown_person';
  END IF;
  SELECT reason INTO v_suppressed FROM suppressions
   WHERE workspace_id = p_workspace AND email = lower(v_email);
  IF v_suppressed IS NOT NULL THEN
    RETURN 'suppressed_' || v_suppressed;
  END IF;
  -- The pattern of app/EmailAddresses.java.
  IF length(v_email) > 254 OR v_email !~ ('^[A-Za-z0-9.!#$%&''*+/=?^_`{|}~-]+@[A-Za-z0-9]'
       '(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$') THEN
    RETURN 'invalid_email';
  END IF;
  SELECT * INTO s FROM workspace_settings WHERE workspace_id = p_workspace;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF s.one_active_sequence_per_person AND EXISTS (
       SELECT 1 FROM campaign_sequence_leads
        WHERE person_id = p_person AND workspace_id = p_workspace
          AND campaign_id <> p_campaign AND status IN ('active', 'paused')) THEN
    RETURN 'active_in_other_campaign';
  END IF;
  IF s.recontact_cooldown_days IS NOT NULL AND s.recontact_cooldown_days > 0 AND (
       EXISTS (SELECT 1 FROM campaign_sequence_leads
                WHERE person_id = p_person AND workspace_id = p_workspace
                  AND status IN ('completed', 'replied')
                  AND finished_at > p_at - make_interval(days => s.recontact_cooldown_days))
       OR EXISTS (SELECT 1 FROM email_replies r
                    JOIN campaign_sequence_leads l ON l.id = r.enrollment_id
                   WHERE l.person_id = p_person AND r.workspace_id = p_workspace
                     AND NOT r.is_auto_reply
                     AND r.received_at > p_at - make_interval(days => s.recontact_cooldown_days))) THEN
    RETURN 'recontact_cooldown';
  END IF;
  RETURN NULL;
END
$$;

-- A row inserted without current_step_id comes from a host application: check it with the API's
-- rules, then fill in what the API would (first step, mailbox by load, times), or mark it skipped.
CREATE FUNCTION enrollment_row_before_insert() RETURNS trigger
  LANGUAGE plpgsql SET search_path = ${flyway:defaultSchema} AS $$
DECLARE
  v_reason text;
  v_first_step bigint;
  v_mailbox bigint;
BEGIN
  NEW.inserted_as_row := true;
  NEW.enrolled_at := coalesce(NEW.enrolled_at, now());
  NEW.updated_at := coalesce(NEW.updated_at, now());
  PERFORM enrollment_lock_people(NEW.workspace_id, ARRAY[NEW.person_id]);
  v_reason := enrollment_skip_reason(NEW.workspace_id, NEW.campaign_id, NEW.person_id, now());
  IF v_reason IS NULL AND coalesce(NEW.status, 'active') <> 'active' THEN
    v_reason := 'status_must_be_active';
  END IF;
  IF v_reason IS NULL THEN
    SELECT st.id INTO v_first_step
      FROM campaign_sequence_steps st JOIN campaign_sequences c ON c.id = st.campaign_id
     WHERE st.campaign_id = NEW.campaign_id AND st.version = c.version
     ORDER BY st.step_order LIMIT 1;
    IF v_first_step IS NULL THEN
      v_reason := 'campaign_has_no_steps';
    END IF;
  END IF;
  IF v_reason IS NULL THEN
    IF NEW.mailbox_id IS NOT NULL THEN
      IF NOT EXISTS (SELECT 1 FROM campaign_sequence_mailboxes
                      WHERE campaign_id = NEW.campaign_id AND mailbox_id = NEW.mailbox_id) THEN
        v_reason := 'mailbox_not_in_campaign';
      END IF;
    ELSE
      -- As the API's MailboxAssignment: the lowest load relative to the daily limit, connected
      -- mailboxes first (disconnected ones only when all are).
      SELECT m.id INTO NEW.mailbox_id
        FROM campaign_sequence_mailboxes cm JOIN mailboxes m ON m.id = cm.mailbox_id
       WHERE cm.campaign_id = NEW.campaign_id
       ORDER BY (m.status <> 'connected'),
                ((SELECT count(*) FROM campaign_sequence_leads l
                   WHERE l.campaign_id = NEW.campaign_id AND l.mailbox_id = m.id
                     AND l.status IN ('active', 'paused')) + 1.0) / m.daily_limit,
                cm.position
       LIMIT 1;
      IF NEW.mailbox_id IS NULL THEN
        v_reason := 'campaign_has_no_mailbox';
      END IF;
    END IF;
  END IF;
  IF v_reason IS NOT NULL THEN
    NEW.status := 'skipped';
    NEW.skip_reason := v_reason;
    NEW.stop_reason := v_reason;
    NEW.finished_at := NEW.updated_at;
    -- mailbox_id is NOT NULL: a skipped row keeps 0 when it had none (never used, never run).
    NEW.mailbox_id := coalesce(NEW.mailbox_id, 0);
  ELSE
    NEW.status := 'active';
    NEW.current_step_id := v_first_step;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER campaign_sequence_leads_row_insert BEFORE INSERT ON campaign_sequence_leads
  FOR EACH ROW WHEN (NEW.current_step_id IS NULL)
  EXECUTE FUNCTION enrollment_row_before_insert();

-- Creates the first execution of a row a host application inserted, and wakes the engines
-- (the channel PostgresWakeups listens on). This is the one statement outside
-- store/postgres/ExecutionRows that writes campaign_sequence_executions; it mirrors
-- ExecutionRows.insertFirst: pending (paused while the campaign is paused), due now.
CREATE FUNCTION enrollment_row_after_insert() RETURNS trigger
  LANGUAGE plpgsql SET search_path = ${flyway:defaultSchema} AS $$
DECLARE
  v_active boolean;
BEGIN
  SELECT status = 'active' INTO v_active FROM campaign_sequences WHERE id = NEW.campaign_id;
  INSERT INTO campaign_sequence_executions
         (workspace_id, campaign_id, enrollment_id, step_id, status, scheduled_at, created_at)
  VALUES (NEW.workspace_id, NEW.campaign_id, NEW.id, NEW.current_step_id,
          CASE WHEN v_active THEN 'pending' ELSE 'paused' END, now(), now());
  IF v_active THEN
    PERFORM pg_notify('campaign_engine_due', '');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER campaign_sequence_leads_row_first_execution AFTER INSERT ON campaign_sequence_leads
  FOR EACH ROW WHEN (NEW.inserted_as_row AND NEW.status = 'active')
  EXECUTE FUNCTION enrollment_row_after_insert();
