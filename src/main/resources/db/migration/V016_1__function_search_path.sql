-- The engine lives in a schema of its own (issue 12), and its connections work with search_path set
-- to that schema alone. The trigger functions of V013 name tables without a schema: pinning their
-- search_path makes them find those tables whatever the session that fires them (an operator's
-- psql, a restore, another application's connection), not only the engine's own.
ALTER FUNCTION webhook_wanted(text[]) SET search_path = ${flyway:defaultSchema};
ALTER FUNCTION webhook_capture_sent() SET search_path = ${flyway:defaultSchema};
ALTER FUNCTION webhook_capture_engagement() SET search_path = ${flyway:defaultSchema};
ALTER FUNCTION webhook_capture_reply() SET search_path = ${flyway:defaultSchema};
ALTER FUNCTION webhook_capture_bounce() SET search_path = ${flyway:defaultSchema};
ALTER FUNCTION webhook_capture_unsubscribe() SET search_path = ${flyway:defaultSchema};
ALTER FUNCTION webhook_capture_finish() SET search_path = ${flyway:defaultSchema};
