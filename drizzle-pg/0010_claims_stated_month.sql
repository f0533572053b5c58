-- The log's order within each month of stated dates: a date range's claim-log page merges its months' walks.
CREATE INDEX "claims_stated_month_idx" ON "claims" USING btree (substr("stated_on", 1, 7),"activity_at","id");
