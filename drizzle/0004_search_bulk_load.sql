-- Bulk loading of the search index (docs/decisions/0003-claim-log-hot-paths.md). While search_bulk holds its
-- one row, the insert triggers of 0003 stand aside, and the writer fills search_refs and search_index itself
-- for exactly the records it inserted, with one INSERT … SELECT per kind in rowid order (FTS5 flushes its
-- pending terms at every statement and whenever a rowid goes backwards). The row is set and cleared inside the
-- writer's own transaction, so no other connection ever sees it.
CREATE TABLE `search_bulk` (
  `on` integer PRIMARY KEY CHECK (`on` = 1)
);
--> statement-breakpoint
DROP TRIGGER claims_search_insert;
--> statement-breakpoint
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims
WHEN new.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
  INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id) VALUES ('claim', new.id, new.id, new.dispute_id);
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), '', new.text);
END;
--> statement-breakpoint
DROP TRIGGER claimants_search_insert;
--> statement-breakpoint
CREATE TRIGGER claimants_search_insert AFTER INSERT ON claimants
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
  INSERT INTO search_refs (kind, ref_id) VALUES ('claimant', new.id);
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), new.name, '');
END;
--> statement-breakpoint
DROP TRIGGER evidence_search_insert;
--> statement-breakpoint
CREATE TRIGGER evidence_search_insert AFTER INSERT ON evidence
WHEN new.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
  INSERT INTO search_refs (kind, ref_id, dispute_id) VALUES ('evidence', new.id, new.dispute_id);
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), new.title, new.excerpt);
END;
--> statement-breakpoint
DROP TRIGGER verdicts_search_insert;
--> statement-breakpoint
CREATE TRIGGER verdicts_search_insert AFTER INSERT ON verdicts
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
  INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
    VALUES ('verdict', new.id, new.claim_id, (SELECT dispute_id FROM claims WHERE id = new.claim_id));
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), new.summary, new.rationale);
END;
