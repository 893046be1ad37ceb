-- Who may be enrolled, checked for a whole request at once. V031's enrollment_skip_reason ran once
-- per person (a call with its own search_path, four lookups and the address pattern): enrolling
-- 100,000 people through the API took twice as long as before it. enrollment_skip_reasons below is
-- now THE definition: it looks the campaign and the workspace's rules up once, and the people,
-- their suppressions and, only when a rule is on, their other enrollments and replies with one
-- query of joins over the whole set. The API calls it once per transaction of its enrollment
-- (PostgresEnrollmentStore.enroll), the row trigger with the one person of its row;
-- enrollment_skip_reason(workspace, campaign, person, at) stays, as a call of it for one person.

-- One row (person_id, reason) for each element of p_people that may not be enrolled into the
-- campaign at p_at, in the array's order; the people who may be enrolled have no row.
--
-- Its plans are the generic ones, made once per session: the query below is shaped to be fast
-- whatever the size of the set (the people and their suppression looked up by key, each rule's
-- matches read once for the whole set and hashed), and a plan made for each call would cost the
-- row trigger, which calls it for one person, more than the check itself.
CREATE FUNCTION enrollment_skip_reasons(p_workspace bigint, p_campaign bigint, p_people bigint[],
                                        p_at timestamptz)
  RETURNS TABLE (person_id bigint, reason text)
  LANGUAGE plpgsql
  SET search_path = ${flyway:defaultSchema}
  SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_campaign_status text;
  v_one_active boolean := false;
  v_cooldown_days integer;
BEGIN
  SELECT c.status INTO v_campaign_status FROM campaign_sequences c
   WHERE c.id = p_campaign AND c.workspace_id = p_workspace;
  IF v_campaign_status IS NULL OR v_campaign_status IN ('draft', 'archived') THEN
    RETURN QUERY
      SELECT x.id, CASE WHEN v_campaign_status IS NULL THEN 'unknown_campaign'
                        ELSE 'campaign_' || v_campaign_status END
        FROM unnest(p_people) WITH ORDINALITY AS x(id, ord)
       ORDER BY x.ord;
    RETURN;
  END IF;
  SELECT s.one_active_sequence_per_person, s.recontact_cooldown_days
    INTO v_one_active, v_cooldown_days
    FROM workspace_settings s WHERE s.workspace_id = p_workspace;
  v_one_active := coalesce(v_one_active, false);
  IF v_cooldown_days <= 0 THEN
    v_cooldown_days := NULL;
  END IF;
  -- One query for the whole set. A rule that is on looks up the other enrollments (and replies)
  -- of all the people at once, hashed: never one lookup per person.
  RETURN QUERY
    SELECT k.id, k.reason FROM (
      SELECT x.id, x.ord,
             CASE
               WHEN p.email_address IS NULL THEN 'unknown_person'
               WHEN su.reason IS NOT NULL THEN 'suppressed_' || su.reason
               -- The pattern of app/EmailAddresses.java, its labels' {0,61} bound (slow in
               -- PostgreSQL's regular expressions) checked as: no label longer than 63.
               WHEN length(p.email_address) > 254
                 OR p.email_address !~ ('^[A-Za-z0-9.!#$%&''*+/=?^_`{|}~-]+@[A-Za-z0-9]'
                      '(?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$')
                 OR (length(p.email_address) - strpos(p.email_address, '@') > 63
                     AND substr(p.email_address, strpos(p.email_address, '@') + 1)
                         ~ '[A-Za-z0-9-]{64}')
                 THEN 'invalid_email'
               WHEN v_one_active AND x.id IN (
                      SELECT l.person_id FROM campaign_sequence_leads l
                       WHERE l.person_id = ANY (p_people) AND l.workspace_id = p_workspace
                         AND l.campaign_id <> p_campaign AND l.status IN ('active', 'paused'))
                 THEN 'active_in_other_campaign'
               WHEN v_cooldown_days IS NOT NULL AND x.id IN (
                      SELECT l.person_id FROM campaign_sequence_leads l
                       WHERE l.person_id = ANY (p_people) AND l.workspace_id = p_workspace
                         AND l.status IN ('completed', 'replied')
                         AND l.finished_at > p_at - make_interval(days => v_cooldown_days)
                      UNION ALL
                      SELECT l.person_id
                        FROM campaign_sequence_leads l JOIN email_replies r ON r.enrollment_id = l.id
                       WHERE l.person_id = ANY (p_people) AND r.workspace_id = p_workspace
                         AND NOT r.is_auto_reply
                         AND r.received_at > p_at - make_interval(days => v_cooldown_days))
                 THEN 'recontact_cooldown'
             END AS reason
        FROM unnest(p_people) WITH ORDINALITY AS x(id, ord)
        LEFT JOIN LATERAL (SELECT pp.email_address FROM people pp
                            WHERE pp.id = x.id AND pp.workspace_id = p_workspace) p ON true
        LEFT JOIN suppressions su
               ON su.workspace_id = p_workspace AND su.email = lower(p.email_address)
      OFFSET 0  -- each reason worked out once, not again for the WHERE below
    ) k
    WHERE k.reason IS NOT NULL
    ORDER BY k.ord;
END
$$;

-- V031's function for one person, kept for whoever calls it: the set's definition, for one.
CREATE OR REPLACE FUNCTION enrollment_skip_reason(p_workspace bigint, p_campaign bigint,
                                                  p_person bigint, p_at timestamptz) RETURNS text
  LANGUAGE sql SET search_path = ${flyway:defaultSchema} AS $$
  SELECT r.reason FROM enrollment_skip_reasons(p_workspace, p_campaign, ARRAY[p_person], p_at) r
$$;

-- V031's row trigger, unchanged but for the check: the set function, with the row's one person.
CREATE OR REPLACE FUNCTION enrollment_row_before_insert() RETURNS trigger
  LANGUAGE plpgsql SET search_path = ${flyway:defaultSchema} AS $$
DECLARE
  v_reason text;
  v_first_step bigint;
BEGIN
  NEW.inserted_as_row := true;
  NEW.enrolled_at := coalesce(NEW.enrolled_at, now());
  NEW.updated_at := coalesce(NEW.updated_at, now());
  PERFORM enrollment_lock_people(NEW.workspace_id, ARRAY[NEW.person_id]);
  SELECT r.reason INTO v_reason
    FROM enrollment_skip_reasons(NEW.workspace_id, NEW.campaign_id, ARRAY[NEW.person_id], now()) r;
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
