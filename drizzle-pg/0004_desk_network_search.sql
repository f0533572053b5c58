-- Search and matching for the desk network, the twin of drizzle/0007 (docs/decisions/0012-matching-without-a-model.md).
-- Claimants are found by their aliases too, and a merged (archived) claimant leaves the index; external
-- fact-checks are indexed (publisher as title, the claim they reviewed as body). Matching reads trigram indexes
-- (pg_trgm) over the folded text of claims and of fact-checks' claims: cc_fold lower-cases and removes accents,
-- as SQLite's trigram tokenizer with remove_diacritics does; it pins its search_path like cc_tsvector, so an
-- index on it survives a restore.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE FUNCTION cc_fold(document text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$ SELECT lower(unaccent('unaccent', document)) $$;
--> statement-breakpoint
ALTER TABLE claimants DROP COLUMN search_vector;
--> statement-breakpoint
ALTER TABLE claimants ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  CASE WHEN archived_at IS NULL THEN setweight(cc_tsvector(name), 'A') || setweight(cc_tsvector(aliases::text), 'B') END
) STORED;
--> statement-breakpoint
CREATE INDEX claimants_search_idx ON claimants USING gin (search_vector) WITH (fastupdate = off);
--> statement-breakpoint
ALTER TABLE fact_checks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(cc_tsvector(publisher_name), 'A') || setweight(cc_tsvector(claim_reviewed), 'B')) STORED;
--> statement-breakpoint
CREATE INDEX fact_checks_search_idx ON fact_checks USING gin (search_vector) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX claims_match_idx ON claims USING gin (cc_fold(text) gin_trgm_ops) WHERE archived_at IS NULL;
--> statement-breakpoint
CREATE INDEX fact_checks_match_idx ON fact_checks USING gin (cc_fold(claim_reviewed) gin_trgm_ops);
