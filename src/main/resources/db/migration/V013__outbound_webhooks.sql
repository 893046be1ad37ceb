-- Outbound webhooks: a workspace subscribes URLs to events; every event is captured as one
-- delivery per subscribed URL, in the same transaction that records the event, by statement-level
-- triggers over transition tables: one INSERT … SELECT per batch of rows, and none at all while
-- no active subscription wants the event (the batch of 500 completions pays one lookup in a tiny
-- table, not a trigger per row). Payloads are built here, at capture time, from the rows as they
-- were committed; the dispatcher adds "type", "timestamp" and data.occurred_at when it sends.
--
-- Times come from the rows themselves (sent_at, occurred_at, received_at, created_at, updated_at),
-- which the application writes with its injected clock, so a delivery is due when its event
-- happened in the application's time, never in the database server's.

CREATE TABLE webhook_subscriptions (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id     bigint      NOT NULL REFERENCES workspaces (id),
  url              text        NOT NULL,
  description      text,
  events           text[]      NOT NULL CHECK (cardinality(events) > 0),
  secret           bytea       NOT NULL,   -- the whsec_… signing secret, sealed (AES-GCM, SecretBox)
  active           boolean     NOT NULL DEFAULT true,
  disabled_reason  text,                   -- why it was switched off (e.g. the receiver said 410 Gone)
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_workspace_idx ON webhook_subscriptions (workspace_id, id);

-- One event for one subscription. No foreign keys (see V011): deleting a subscription deletes its
-- deliveries in the same transaction. next_attempt_at NULL: held while the subscription is off.
CREATE TABLE webhook_deliveries (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id     bigint      NOT NULL,
  subscription_id  bigint      NOT NULL,
  event_type       text        NOT NULL,
  payload          jsonb       NOT NULL,   -- the event's "data"
  status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz,
  locked_by        text,
  locked_until     timestamptz,
  version          bigint      NOT NULL DEFAULT 0,
  last_status      integer,                -- the receiver's last HTTP status, if it answered
  last_error       text,
  occurred_at      timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz,
  finished_at      timestamptz             -- delivered or failed: what retention goes by
);
-- The claim walks this index in due order.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- A subscription's deliveries, newest first, with or without a status.
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id);
CREATE INDEX webhook_deliveries_subscription_status_idx ON webhook_deliveries (subscription_id, status, id);
-- Retention deletes finished deliveries oldest first.
CREATE INDEX webhook_deliveries_finished_idx ON webhook_deliveries (finished_at) WHERE finished_at IS NOT NULL;

-- Which email carried the unsubscribe (link, mailto: or complaint), when known: the
-- lead.unsubscribed event names its campaign and enrollment.
ALTER TABLE suppressions ADD COLUMN email_send_id bigint;

-- Whether any active subscription wants one of these events: the triggers' cheap way out.
CREATE FUNCTION webhook_wanted(wanted text[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active AND events && wanted)
$$;

-- email.sent: an email_sends row became 'sent'.
CREATE FUNCTION webhook_capture_sent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT webhook_wanted(ARRAY['email.sent']) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_type, payload, occurred_at,
                                  next_attempt_at, created_at)
  SELECT w.workspace_id, w.id, 'email.sent',
         jsonb_build_object(
           'workspace_id', s.workspace_id::text,
           'campaign_id', s.campaign_id::text,
           'enrollment_id', s.enrollment_id::text,
           'person_id', l.person_id::text,
           'email', p.email_address,
           'step_key', st.step_key,
           'send_id', s.id::text,
           'message_id', s.message_id,
           'mailbox_id', s.mailbox_id::text,
           'subject', s.subject),
         s.sent_at, s.sent_at, s.sent_at
    FROM new_sends s
    JOIN old_sends o ON o.id = s.id
    JOIN webhook_subscriptions w
      ON w.workspace_id = s.workspace_id AND w.active AND 'email.sent' = ANY (w.events)
    LEFT JOIN campaign_sequence_leads l ON l.id = s.enrollment_id
    LEFT JOIN people p ON p.id = l.person_id
    LEFT JOIN campaign_sequence_steps st ON st.id = s.step_id
   WHERE s.status = 'sent' AND o.status <> 'sent';
  RETURN NULL;
END
$$;

CREATE TRIGGER email_sends_webhooks AFTER UPDATE ON email_sends
  REFERENCING OLD TABLE AS old_sends NEW TABLE AS new_sends
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_capture_sent();

-- email.opened and email.clicked: tracking recorded an email_events row.
CREATE FUNCTION webhook_capture_engagement() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT webhook_wanted(ARRAY['email.opened', 'email.clicked']) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_type, payload, occurred_at,
                                  next_attempt_at, created_at)
  SELECT w.workspace_id, w.id, 'email.' || e.event_type,
         jsonb_build_object(
           'workspace_id', e.workspace_id::text,
           'campaign_id', e.campaign_id::text,
           'enrollment_id', e.enrollment_id::text,
           'person_id', l.person_id::text,
           'email', p.email_address,
           'step_key', st.step_key,
           'send_id', e.email_send_id::text,
           'message_id', s.message_id,
           'likely_machine', e.likely_machine)
         || CASE WHEN e.event_type = 'clicked'
                 THEN jsonb_build_object('url', s.links[e.link_index + 1])  -- link_index is 0-based
                 ELSE '{}'::jsonb END,
         e.occurred_at, e.occurred_at, e.occurred_at
    FROM new_events e
    JOIN webhook_subscriptions w
      ON w.workspace_id = e.workspace_id AND w.active AND ('email.' || e.event_type) = ANY (w.events)
    LEFT JOIN email_sends s ON s.id = e.email_send_id
    LEFT JOIN campaign_sequence_leads l ON l.id = e.enrollment_id
    LEFT JOIN people p ON p.id = l.person_id
    LEFT JOIN campaign_sequence_steps st ON st.id = e.step_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER email_events_webhooks AFTER INSERT ON email_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_capture_engagement();

-- email.replied: a reply or an automatic reply was recorded (a duplicate inserts nothing).
CREATE FUNCTION webhook_capture_reply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT webhook_wanted(ARRAY['email.replied']) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_type, payload, occurred_at,
                                  next_attempt_at, created_at)
  SELECT w.workspace_id, w.id, 'email.replied',
         jsonb_build_object(
           'workspace_id', r.workspace_id::text,
           'campaign_id', r.campaign_id::text,
           'enrollment_id', r.enrollment_id::text,
           'person_id', l.person_id::text,
           'email', p.email_address,
           'step_key', st.step_key,
           'send_id', r.email_send_id::text,
           'message_id', s.message_id,
           'reply_id', r.id::text,
           'reply_message_id', r.message_id,
           'from_address', r.from_address,
           'subject', r.subject,
           'classification', r.kind,
           'auto_reply', r.is_auto_reply,
           'return_date', r.return_date),
         r.received_at, r.received_at, r.received_at
    FROM new_replies r
    JOIN webhook_subscriptions w
      ON w.workspace_id = r.workspace_id AND w.active AND 'email.replied' = ANY (w.events)
    LEFT JOIN email_sends s ON s.id = r.email_send_id
    LEFT JOIN campaign_sequence_leads l ON l.id = r.enrollment_id
    LEFT JOIN people p ON p.id = l.person_id
    LEFT JOIN campaign_sequence_steps st ON st.id = r.step_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER email_replies_webhooks AFTER INSERT ON email_replies
  REFERENCING NEW TABLE AS new_replies
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_capture_reply();

-- email.bounced: a bounce (hard or soft) was recorded.
CREATE FUNCTION webhook_capture_bounce() RETURNS trigger
LANGUAGE plpgsql AS $$
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
           'diagnostic', left(b.diagnostic, 1000)),
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

CREATE TRIGGER email_bounces_webhooks AFTER INSERT ON email_bounces
  REFERENCING NEW TABLE AS new_bounces
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_capture_bounce();

-- lead.unsubscribed: an address was newly suppressed because its owner unsubscribed (link,
-- one-click, mailto:) or complained. Suppressing an address twice inserts, and sends, nothing.
CREATE FUNCTION webhook_capture_unsubscribe() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT webhook_wanted(ARRAY['lead.unsubscribed']) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_type, payload, occurred_at,
                                  next_attempt_at, created_at)
  SELECT w.workspace_id, w.id, 'lead.unsubscribed',
         jsonb_build_object(
           'workspace_id', x.workspace_id::text,
           'campaign_id', s.campaign_id::text,
           'enrollment_id', s.enrollment_id::text,
           'person_id', p.id::text,
           'email', x.email,
           'step_key', st.step_key,
           'send_id', x.email_send_id::text,
           'message_id', s.message_id,
           'reason', x.reason),
         x.created_at, x.created_at, x.created_at
    FROM new_suppressions x
    JOIN webhook_subscriptions w
      ON w.workspace_id = x.workspace_id AND w.active AND 'lead.unsubscribed' = ANY (w.events)
    LEFT JOIN email_sends s ON s.id = x.email_send_id
    LEFT JOIN people p ON p.workspace_id = x.workspace_id AND lower(p.email_address) = x.email
    LEFT JOIN campaign_sequence_steps st ON st.id = s.step_id
   WHERE x.reason IN ('unsubscribed', 'complained');
  RETURN NULL;
END
$$;

CREATE TRIGGER suppressions_webhooks AFTER INSERT ON suppressions
  REFERENCING NEW TABLE AS new_suppressions
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_capture_unsubscribe();

-- enrollment.finished: an enrollment left active or paused for a final status (completed,
-- replied, bounced, unsubscribed, stopped, failed). Once per finish: a completed enrollment that
-- is later marked replied sends email.replied, not a second enrollment.finished; a failed one
-- retried from the dead-letter queue finishes, and is announced, again.
CREATE FUNCTION webhook_capture_finish() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT webhook_wanted(ARRAY['enrollment.finished']) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_type, payload, occurred_at,
                                  next_attempt_at, created_at)
  SELECT w.workspace_id, w.id, 'enrollment.finished',
         jsonb_build_object(
           'workspace_id', n.workspace_id::text,
           'campaign_id', n.campaign_id::text,
           'enrollment_id', n.id::text,
           'person_id', n.person_id::text,
           'email', p.email_address,
           'step_key', st.step_key,
           'status', n.status,
           'reason', n.stop_reason),
         n.updated_at, n.updated_at, n.updated_at
    FROM new_leads n
    JOIN old_leads o ON o.id = n.id
    JOIN webhook_subscriptions w
      ON w.workspace_id = n.workspace_id AND w.active AND 'enrollment.finished' = ANY (w.events)
    LEFT JOIN people p ON p.id = n.person_id
    LEFT JOIN campaign_sequence_steps st ON st.id = n.current_step_id
   WHERE n.status IN ('completed', 'replied', 'bounced', 'unsubscribed', 'stopped', 'failed')
     AND o.status IN ('active', 'paused');
  RETURN NULL;
END
$$;

CREATE TRIGGER campaign_sequence_leads_webhooks AFTER UPDATE ON campaign_sequence_leads
  REFERENCING OLD TABLE AS old_leads NEW TABLE AS new_leads
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_capture_finish();
