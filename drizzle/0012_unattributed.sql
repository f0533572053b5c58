-- A claim may be unattributed: claims.claimant_id becomes nullable. SQLite changes a NOT NULL constraint only by
-- rebuilding the table (copy into a new table, drop the old one, rename), and dropping a table drops its indexes
-- and triggers, so both are made again below: the indexes as drizzle-kit writes them, the search triggers exactly
-- as drizzle/0007_desk_network_search.sql left them. Rows keep their ids, so the search index's entries (keyed by
-- search_refs, not by the claims table's rowid) stay valid without a rebuild.
-- Between the drop and the rename no table is called claims, and a trigger on another table names it
-- (verdicts_search_insert reads a claim's dispute): a rename checks every trigger and would refuse, unless the
-- legacy rename, which leaves the schema's other text alone, is on for that one statement.
-- PRAGMA foreign_keys=OFF has no effect inside the migration's transaction: migrateSqlite turns foreign keys
-- off around the whole run and checks every reference afterwards (packages/db/src/sqlite.ts).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`dispute_id` text NOT NULL,
	`claimant_id` text,
	`text` text NOT NULL,
	`short_text` text,
	`stated_on` text,
	`appearance_url` text,
	`archive_url` text,
	`language` text,
	`quantities` text DEFAULT '[]' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`archived_at` text,
	`verdict_rating` text,
	`verdict_status` text,
	`supporting_count` integer DEFAULT 0 NOT NULL,
	`contradicting_count` integer DEFAULT 0 NOT NULL,
	`context_count` integer DEFAULT 0 NOT NULL,
	`activity_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claimant_id`) REFERENCES `claimants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_claims`("id", "dispute_id", "claimant_id", "text", "short_text", "stated_on", "appearance_url", "archive_url", "language", "quantities", "position", "archived_at", "verdict_rating", "verdict_status", "supporting_count", "contradicting_count", "context_count", "activity_at", "created_at", "updated_at", "version") SELECT "id", "dispute_id", "claimant_id", "text", "short_text", "stated_on", "appearance_url", "archive_url", "language", "quantities", "position", "archived_at", "verdict_rating", "verdict_status", "supporting_count", "contradicting_count", "context_count", "activity_at", "created_at", "updated_at", "version" FROM `claims`;--> statement-breakpoint
DROP TABLE `claims`;--> statement-breakpoint
PRAGMA legacy_alter_table=ON;--> statement-breakpoint
ALTER TABLE `__new_claims` RENAME TO `claims`;--> statement-breakpoint
PRAGMA legacy_alter_table=OFF;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `claims_dispute_idx` ON `claims` (`dispute_id`,`position`);--> statement-breakpoint
CREATE INDEX `claims_log_order_idx` ON `claims` (`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_claimant_idx` ON `claims` (`claimant_id`,`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_status_idx` ON `claims` (`verdict_status`,`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_rating_idx` ON `claims` (`verdict_rating`,`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_stated_idx` ON `claims` (`stated_on`);--> statement-breakpoint
CREATE INDEX `claims_dispute_log_idx` ON `claims` (`dispute_id`,`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_text_start_idx` ON `claims` (substr(`text`, 1, 40));--> statement-breakpoint
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims
WHEN new.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
  INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id) VALUES ('claim', new.id, new.id, new.dispute_id);
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), '', new.text);
  INSERT INTO match_index (rowid, text) VALUES (last_insert_rowid(), new.text);
END;
--> statement-breakpoint
CREATE TRIGGER claims_search_update AFTER UPDATE OF text, archived_at, dispute_id ON claims
WHEN old.text IS NOT new.text OR old.archived_at IS NOT new.archived_at OR old.dispute_id IS NOT new.dispute_id
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claim' AND ref_id = old.id);
  DELETE FROM match_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claim' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'claim' AND ref_id = old.id;
  INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
    SELECT 'claim', new.id, new.id, new.dispute_id WHERE new.archived_at IS NULL;
  INSERT INTO search_index (rowid, title, body) SELECT last_insert_rowid(), '', new.text WHERE new.archived_at IS NULL;
  INSERT INTO match_index (rowid, text) SELECT last_insert_rowid(), new.text WHERE new.archived_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER claims_search_delete AFTER DELETE ON claims
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claim' AND ref_id = old.id);
  DELETE FROM match_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claim' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'claim' AND ref_id = old.id;
END;
