-- Full-text search on PostgreSQL, the twin of SQLite's FTS5 index (drizzle/0003, 0004;
-- docs/decisions/0003-claim-log-hot-paths.md, "On PostgreSQL"). What is indexed is what SQLite indexes: claim text, claimant
-- names, evidence titles and excerpts, verdict summaries and rationales, titles weighted A and bodies B (SQLite's
-- `title` and `body` columns, ranked with titles double). Each table keeps its own stored generated tsvector,
-- so no trigger is needed: a write recomputes it in the writing transaction. Archived claims and evidence have
-- none (they leave the index and come back when restored). The columns exist only here, not in schema-pg.ts,
-- so the row types both engines infer stay equal.
--
-- The configuration `cc` ignores case and accents like FTS5's `unicode61 remove_diacritics 2`: `simple`
-- (lower-casing, no stemming, no stop words) behind `unaccent`. FTS5 splits words at every character that is
-- not a letter or a digit, where PostgreSQL's parser keeps `3.5`, `example.com` or `a@b.org` whole: cc_tsvector
-- turns ASCII punctuation into spaces first, so a word matches in the same places on both engines.
-- to_tsvector with a named configuration is IMMUTABLE (unlike unaccent() itself), which a generated column
-- needs; the function pins the search_path it was created with, so a restore (pg_dump empties search_path)
-- still finds `cc`. The GIN indexes update in place (fastupdate off): a bulk load leaves searches no pending
-- list to scan.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION cc (COPY = simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION cc
  ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart WITH unaccent, simple;
--> statement-breakpoint
CREATE FUNCTION cc_tsvector(document text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$ SELECT to_tsvector('cc', regexp_replace(document, '[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+', ' ', 'g')) $$;
--> statement-breakpoint
ALTER TABLE claims ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  CASE WHEN archived_at IS NULL THEN setweight(cc_tsvector(text), 'B') END) STORED;
--> statement-breakpoint
ALTER TABLE claimants ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(cc_tsvector(name), 'A')) STORED;
--> statement-breakpoint
ALTER TABLE evidence ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  CASE WHEN archived_at IS NULL THEN setweight(cc_tsvector(title), 'A') || setweight(cc_tsvector(excerpt), 'B') END
) STORED;
--> statement-breakpoint
ALTER TABLE verdicts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(cc_tsvector(summary), 'A') || setweight(cc_tsvector(rationale), 'B')) STORED;
--> statement-breakpoint
CREATE INDEX claims_search_idx ON claims USING gin (search_vector) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX claimants_search_idx ON claimants USING gin (search_vector) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX evidence_search_idx ON evidence USING gin (search_vector) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX verdicts_search_idx ON verdicts USING gin (search_vector) WITH (fastupdate = off);
