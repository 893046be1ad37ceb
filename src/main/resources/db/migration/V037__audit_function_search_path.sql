-- Every function of the engine runs with its search_path pinned to the engine's schema (V016_1 did
-- it for V013's, V031 and V033 create theirs so); V027's audit_created_id was the one left.
ALTER FUNCTION audit_created_id(regclass) SET search_path = ${flyway:defaultSchema};
