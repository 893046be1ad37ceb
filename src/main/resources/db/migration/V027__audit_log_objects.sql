-- The audit log (issue 16): finding a created object's id inside the create's own transaction, and
-- listing one object's history.

-- The id of the row of table tbl that the current transaction inserted last, or NULL when it
-- inserted none: currval of the table's id sequence is the last id this session drew from it, and
-- xmin says whether the row it names was written by this very transaction (a session draws ids in
-- many transactions, one after another, from a pool). A session that never drew an id has no
-- currval: that is NULL too, not an error that would abort the transaction. STRICT: no table
-- (a write that creates nothing) gives NULL without running.
CREATE FUNCTION audit_created_id(tbl regclass) RETURNS bigint
LANGUAGE plpgsql STRICT AS $$
DECLARE
  last_id bigint;
  found_id bigint;
BEGIN
  BEGIN
    last_id := currval(pg_get_serial_sequence(tbl::text, 'id'));
  EXCEPTION WHEN object_not_in_prerequisite_state THEN
    RETURN NULL;
  END;
  EXECUTE format('SELECT id FROM %s WHERE id = $1 AND xmin = pg_current_xact_id()::xid', tbl)
     INTO found_id USING last_id;
  RETURN found_id;
END
$$;

CREATE INDEX audit_log_object_idx ON audit_log (workspace_id, object_type, object_id, id);
