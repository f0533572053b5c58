-- Search and matching for the desk network (docs/decisions/0012-matching-without-a-model.md).
-- 1. The word index keeps words of scripts with combining vowel signs whole: marks (M*) are word characters, so
--    Sinhala "යනු" is one word and "යන" no longer finds it (unicode61's default splits at every mark); the
--    zero-width non-joiner and joiner (U+200C, U+200D, between the quotes of tokenchars) keep "ශ්‍රී" whole. Latin,
--    Greek and Cyrillic accents are still removed (remove_diacritics 2 folds precomposed letters).
-- 2. Claimants are found by their aliases too (body), and a merged claimant leaves the index.
-- 3. External fact-checks are indexed: publisher as title, the claim they reviewed as body.
-- 4. match_index: a trigram index over claim texts and fact-checks' claims, for matching what a checker types
--    against what the desk and other desks have (rowid = search_refs.id, like search_index). Contentless: the
--    texts live in their tables.
DROP TABLE search_index;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(title, body,
  tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*' tokenchars '‌‍'");
--> statement-breakpoint
CREATE VIRTUAL TABLE `match_index` USING fts5(text,
  tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1);
--> statement-breakpoint
DROP TRIGGER claims_search_insert;
--> statement-breakpoint
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims
WHEN new.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
  INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id) VALUES ('claim', new.id, new.id, new.dispute_id);
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), '', new.text);
  INSERT INTO match_index (rowid, text) VALUES (last_insert_rowid(), new.text);
END;
--> statement-breakpoint
DROP TRIGGER claims_search_update;
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
DROP TRIGGER claims_search_delete;
--> statement-breakpoint
CREATE TRIGGER claims_search_delete AFTER DELETE ON claims
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claim' AND ref_id = old.id);
  DELETE FROM match_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claim' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'claim' AND ref_id = old.id;
END;
--> statement-breakpoint
DROP TRIGGER claimants_search_insert;
--> statement-breakpoint
CREATE TRIGGER claimants_search_insert AFTER INSERT ON claimants
WHEN new.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
  INSERT INTO search_refs (kind, ref_id) VALUES ('claimant', new.id);
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), new.name, new.aliases);
END;
--> statement-breakpoint
DROP TRIGGER claimants_search_update;
--> statement-breakpoint
CREATE TRIGGER claimants_search_update AFTER UPDATE OF name, aliases, archived_at ON claimants
WHEN old.name IS NOT new.name OR old.aliases IS NOT new.aliases OR old.archived_at IS NOT new.archived_at
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'claimant' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'claimant' AND ref_id = old.id;
  INSERT INTO search_refs (kind, ref_id) SELECT 'claimant', new.id WHERE new.archived_at IS NULL;
  INSERT INTO search_index (rowid, title, body)
    SELECT last_insert_rowid(), new.name, new.aliases WHERE new.archived_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER fact_checks_search_insert AFTER INSERT ON fact_checks
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
  INSERT INTO search_refs (kind, ref_id) VALUES ('fact_check', new.id);
  INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), new.publisher_name, new.claim_reviewed);
  INSERT INTO match_index (rowid, text) VALUES (last_insert_rowid(), new.claim_reviewed);
END;
--> statement-breakpoint
CREATE TRIGGER fact_checks_search_update AFTER UPDATE OF publisher_name, claim_reviewed ON fact_checks
WHEN old.publisher_name IS NOT new.publisher_name OR old.claim_reviewed IS NOT new.claim_reviewed
BEGIN
  UPDATE search_index SET title = new.publisher_name, body = new.claim_reviewed
    WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'fact_check' AND ref_id = new.id);
  DELETE FROM match_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'fact_check' AND ref_id = new.id);
  INSERT INTO match_index (rowid, text)
    SELECT id, new.claim_reviewed FROM search_refs WHERE kind = 'fact_check' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER fact_checks_search_delete AFTER DELETE ON fact_checks
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'fact_check' AND ref_id = old.id);
  DELETE FROM match_index WHERE rowid = (SELECT id FROM search_refs WHERE kind = 'fact_check' AND ref_id = old.id);
  DELETE FROM search_refs WHERE kind = 'fact_check' AND ref_id = old.id;
END;
--> statement-breakpoint
INSERT INTO search_index (rowid, title, body)
  SELECT r.id, x.name, x.aliases FROM search_refs r JOIN claimants x ON x.id = r.ref_id
  WHERE r.kind = 'claimant' ORDER BY r.id;
--> statement-breakpoint
INSERT INTO search_index (rowid, title, body)
  SELECT r.id, '', x.text FROM search_refs r JOIN claims x ON x.id = r.ref_id WHERE r.kind = 'claim' ORDER BY r.id;
--> statement-breakpoint
INSERT INTO search_index (rowid, title, body)
  SELECT r.id, x.title, x.excerpt FROM search_refs r JOIN evidence x ON x.id = r.ref_id
  WHERE r.kind = 'evidence' ORDER BY r.id;
--> statement-breakpoint
INSERT INTO search_index (rowid, title, body)
  SELECT r.id, x.summary, x.rationale FROM search_refs r JOIN verdicts x ON x.id = r.ref_id
  WHERE r.kind = 'verdict' ORDER BY r.id;
--> statement-breakpoint
INSERT INTO match_index (rowid, text)
  SELECT r.id, x.text FROM search_refs r JOIN claims x ON x.id = r.ref_id WHERE r.kind = 'claim' ORDER BY r.id;
