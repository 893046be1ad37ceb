-- A soft bounce re-sends the bounced step after a delay (issue 13): the re-send is an execution of
-- the same step that carries the number its email_sends row takes (email_sends.resend, V015:
-- 1, 2, ...). Every other execution is 0.
ALTER TABLE campaign_sequence_executions ADD COLUMN resend integer NOT NULL DEFAULT 0;

-- What a bounce did. message_key: the Message-ID of the delivery report (or the provider's event
-- id), so that the same report taken twice (read again by date, pushed as well as read) is recorded
-- once; NULL when the report has none. resend_number and resend_at: the re-send of the bounced step
-- this bounce scheduled (NULL: none).
ALTER TABLE email_bounces
  ADD COLUMN message_key   text,
  ADD COLUMN resend_number integer,
  ADD COLUMN resend_at     timestamptz;
CREATE UNIQUE INDEX email_bounces_message_uq ON email_bounces (workspace_id, message_key)
  WHERE message_key IS NOT NULL;

-- email.bounced says whether, and when, the bounced step is sent again.
CREATE OR REPLACE FUNCTION webhook_capture_bounce() RETURNS trigger
LANGUAGE plpgsql
SET search_path = ${flyway:defaultSchema}
AS $$
BEGIN
  IF NOT webhook_wanted(ARRAY['email.bounced']) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_type, payload, occurred_at,
                                  next_attempt_at, created_at)
  SELECT w.workspace_id, w.id, 'email.bounced',
         jsonb_build_object(
           'workspace_id', b.workspace_id::text,
           'campaign_id', s.campaign_id::text,
           'enrollment_id', s.enrollment_id::text,
           'person_id', l.person_id::text,
           'email', coalesce(p.email_address, b.recipient),
           'step_key', st.step_key,
           'send_id', b.email_send_id::text,
           'message_id', s.message_id,
           'recipient', b.recipient,
           'hard', b.hard,
           'status', b.status,
           'diagnostic', left(b.diagnostic, 1000),
           'resend_number', b.resend_number,
           -- ISO-8601 UTC, as the dispatcher writes data.occurred_at
           'resend_at', to_char(b.resend_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
         b.received_at, b.received_at, b.received_at
    FROM new_bounces b
    JOIN webhook_subscriptions w
      ON w.workspace_id = b.workspace_id AND w.active AND 'email.bounced' = ANY (w.events)
    LEFT JOIN email_sends s ON s.id = b.email_send_id
    LEFT JOIN campaign_sequence_leads l ON l.id = s.enrollment_id
    LEFT JOIN people p ON p.id = l.person_id
    LEFT JOIN campaign_sequence_steps st ON st.id = s.step_id;
  RETURN NULL;
END
$$;
