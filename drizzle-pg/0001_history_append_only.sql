-- History is append-only: nothing a user did may be rewritten or erased (as drizzle/0001_history_append_only.sql
-- does on SQLite). Row triggers refuse UPDATE and DELETE; TRUNCATE fires no row triggers, so a statement
-- trigger refuses it too.
CREATE FUNCTION history_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'history_events is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER history_events_no_update BEFORE UPDATE ON history_events
FOR EACH ROW EXECUTE FUNCTION history_events_append_only();
--> statement-breakpoint
CREATE TRIGGER history_events_no_delete BEFORE DELETE ON history_events
FOR EACH ROW EXECUTE FUNCTION history_events_append_only();
--> statement-breakpoint
CREATE TRIGGER history_events_no_truncate BEFORE TRUNCATE ON history_events
FOR EACH STATEMENT EXECUTE FUNCTION history_events_append_only();
