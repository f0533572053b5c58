-- Full-text search over claim text, claimant names, evidence titles and excerpts, verdict summaries and
-- rationales (docs/decisions/0003-claim-log-hot-paths.md). search_refs gives every indexed record a stable
-- integer id, which is its rowid in the FTS5 table; the triggers below keep both current inside the
-- transaction that writes the record. Archived claims and evidence leave the index, and come back when restored.
CREATE TABLE `search_refs` (
  `id` integer PRIMARY KEY,
  `kind` text NOT NULL,
  `ref_id` text NOT NULL,
  `claim_id` text,
  `dispute_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_refs_ref_unique` ON `search_refs` (`kind`, `ref_id`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims WHEN new.archived_at IS NULL
BEGIN
  INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id) VALUES ('claim', new.id, new.id, new.dispute_id);
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), '', new.text);
END;
--> statement-breakpoint
CREATE TRIGGER claims_search_update AFTER UPDATE OF text, archived_at, dispute_id ON claims
WHEN old.text IS NOT new.text OR old.archived_at IS NOT new.archived_at OR old.dispute_id IS NOT new.dispute_id
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claim' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'claim' AND ref_id = old.id;
  INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
    SELECT 'claim', new.id, new.id, new.dispute_id WHERE new.archived_at IS NULL;
  INSERT INTO search_index (rowid, title, body) SELECT last_insert_rowid(), '', new.text WHERE new.archived_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER claims_search_delete AFTER DELETE ON claims
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claim' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'claim' AND ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER claimants_search_insert AFTER INSERT ON claimants
BEGIN
  INSERT INTO search_refs (kind, ref_id) VALUES ('claimant', new.id);
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), new.name, '');
END;
--> statement-breakpoint
CREATE TRIGGER claimants_search_update AFTER UPDATE OF name ON claimants WHEN old.name IS NOT new.name
BEGIN
  UPDATE search_index SET title = new.name
    WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claimant' AND ref_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER claimants_search_delete AFTER DELETE ON claimants
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claimant' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'claimant' AND ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER evidence_search_insert AFTER INSERT ON evidence WHEN new.archived_at IS NULL
BEGIN
  INSERT INTO search_refs (kind, ref_id, dispute_id) VALUES ('evidence', new.id, new.dispute_id);
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), new.title, new.excerpt);
END;
--> statement-breakpoint
CREATE TRIGGER evidence_search_update AFTER UPDATE OF title, excerpt, archived_at ON evidence
WHEN old.title IS NOT new.title OR old.excerpt IS NOT new.excerpt OR old.archived_at IS NOT new.archived_at
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'evidence' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'evidence' AND ref_id = old.id;
  INSERT INTO search_refs (kind, ref_id, dispute_id)
    SELECT 'evidence', new.id, new.dispute_id WHERE new.archived_at IS NULL;
  INSERT INTO search_index (rowid, title, body)
    SELECT last_insert_rowid(), new.title, new.excerpt WHERE new.archived_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER evidence_search_delete AFTER DELETE ON evidence
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'evidence' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'evidence' AND ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER verdicts_search_insert AFTER INSERT ON verdicts
BEGIN
  INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
    VALUES ('verdict', new.id, new.claim_id, (SELECT dispute_id FROM claims WHERE id = new.claim_id));
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), new.summary, new.rationale);
END;
--> statement-breakpoint
CREATE TRIGGER verdicts_search_update AFTER UPDATE OF summary, rationale ON verdicts
WHEN old.summary IS NOT new.summary OR old.rationale IS NOT new.rationale
BEGIN
  UPDATE search_index SET title = new.summary, body = new.rationale
    WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'verdict' AND ref_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER verdicts_search_delete AFTER DELETE ON verdicts
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'verdict' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'verdict' AND ref_id = old.id;
END;
--> statement-breakpoint
INSERT INTO search_refs (kind, ref_id) SELECT 'claimant', id FROM claimants;
--> statement-breakpoint
INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
  SELECT 'claim', id, id, dispute_id FROM claims WHERE archived_at IS NULL;
--> statement-breakpoint
INSERT INTO search_refs (kind, ref_id, dispute_id)
  SELECT 'evidence', id, dispute_id FROM evidence WHERE archived_at IS NULL;
--> statement-breakpoint
INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
  SELECT 'verdict', v.id, v.claim_id, c.dispute_id FROM verdicts v JOIN claims c ON c.id = v.claim_id;
--> statement-breakpoint
INSERT INTO search_index (rowid, title, body)
  SELECT r.id, x.name, '' FROM search_refs r JOIN claimants x ON x.id = r.ref_id WHERE r.kind = 'claimant';
--> statement-breakpoint
INSERT INTO search_index (rowid, title, body)
  SELECT r.id, '', x.text FROM search_refs r JOIN claims x ON x.id = r.ref_id WHERE r.kind = 'claim';
--> statement-breakpoint
INSERT INTO search_index (rowid, title, body)
  SELECT r.id, x.title, x.excerpt FROM search_refs r JOIN evidence x ON x.id = r.ref_id WHERE r.kind = 'evidence';
--> statement-breakpoint
INSERT INTO search_index (rowid, title, body)
  SELECT r.id, x.summary, x.rationale FROM search_refs r JOIN verdicts x ON x.id = r.ref_id WHERE r.kind = 'verdict';
