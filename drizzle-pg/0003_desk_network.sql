CREATE TABLE "claim_links" (
	"id" text PRIMARY KEY NOT NULL,
	"claim_id" text NOT NULL,
	"kind" text NOT NULL,
	"linked_claim_id" text,
	"fact_check_id" text,
	"created_by" text,
	"archived_at" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fact_check_feeds" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"interval_minutes" integer NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_fetched_at" text,
	"last_status" text,
	"last_error" text,
	"item_count" integer DEFAULT 0 NOT NULL,
	"next_fetch_at" text NOT NULL,
	"created_by" text,
	"archived_at" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fact_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"publisher_name" text NOT NULL,
	"publisher_url" text,
	"claim_reviewed" text NOT NULL,
	"claimant" text,
	"claim_date" text,
	"review_date" text,
	"language" text,
	"appearance_urls" json DEFAULT '[]'::json NOT NULL,
	"rating_label" text,
	"rating_value" double precision,
	"rating_best" double precision,
	"rating_worst" double precision,
	"rating_normalized" text,
	"feed_id" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claimants" ADD COLUMN "aliases" json DEFAULT '[]'::json NOT NULL;--> statement-breakpoint
ALTER TABLE "claimants" ADD COLUMN "job_title" text;--> statement-breakpoint
ALTER TABLE "claimants" ADD COLUMN "affiliation" text;--> statement-breakpoint
ALTER TABLE "claimants" ADD COLUMN "image_url" text;--> statement-breakpoint
ALTER TABLE "claimants" ADD COLUMN "archived_at" text;--> statement-breakpoint
ALTER TABLE "claimants" ADD COLUMN "merged_into_id" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "fact_check_id" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "fact_check_rating_label" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "fact_check_rating" text;--> statement-breakpoint
ALTER TABLE "claim_links" ADD CONSTRAINT "claim_links_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_links" ADD CONSTRAINT "claim_links_linked_claim_id_claims_id_fk" FOREIGN KEY ("linked_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_links" ADD CONSTRAINT "claim_links_fact_check_id_fact_checks_id_fk" FOREIGN KEY ("fact_check_id") REFERENCES "public"."fact_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_links" ADD CONSTRAINT "claim_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_check_feeds" ADD CONSTRAINT "fact_check_feeds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_checks" ADD CONSTRAINT "fact_checks_feed_id_fact_check_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."fact_check_feeds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_links_claim_idx" ON "claim_links" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "claim_links_linked_idx" ON "claim_links" USING btree ("linked_claim_id");--> statement-breakpoint
CREATE INDEX "fact_check_feeds_due_idx" ON "fact_check_feeds" USING btree ("next_fetch_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fact_checks_url_unique" ON "fact_checks" USING btree ("url");--> statement-breakpoint
CREATE INDEX "fact_checks_review_idx" ON "fact_checks" USING btree ("review_date","id");--> statement-breakpoint
CREATE INDEX "fact_checks_publisher_idx" ON "fact_checks" USING btree ("publisher_name","review_date","id");--> statement-breakpoint
CREATE INDEX "fact_checks_language_idx" ON "fact_checks" USING btree ("language","review_date","id");--> statement-breakpoint
CREATE INDEX "fact_checks_rating_idx" ON "fact_checks" USING btree ("rating_normalized","review_date","id");--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_fact_check_id_fact_checks_id_fk" FOREIGN KEY ("fact_check_id") REFERENCES "public"."fact_checks"("id") ON DELETE no action ON UPDATE no action;