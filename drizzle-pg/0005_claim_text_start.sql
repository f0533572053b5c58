-- The start of a claim's text, indexed: how an import finds the rows that repeat claims already on the desk.
CREATE INDEX "claims_text_start_idx" ON "claims" USING btree (substr("text", 1, 40));
