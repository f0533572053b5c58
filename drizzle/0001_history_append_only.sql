-- History is append-only: nothing a user did may be rewritten or erased.
CREATE TRIGGER history_events_no_update BEFORE UPDATE ON history_events
BEGIN
  SELECT RAISE(ABORT, 'history_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER history_events_no_delete BEFORE DELETE ON history_events
BEGIN
  SELECT RAISE(ABORT, 'history_events is append-only');
END;
