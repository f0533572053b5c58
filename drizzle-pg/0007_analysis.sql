CREATE TABLE "claim_ratings" (
	"id" text PRIMARY KEY NOT NULL,
	"claim_id" text NOT NULL,
	"dispute_id" text NOT NULL,
	"rater_id" text NOT NULL,
	"rating" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_relations" (
	"id" text PRIMARY KEY NOT NULL,
	"dispute_id" text NOT NULL,
	"claim_id" text NOT NULL,
	"other_claim_id" text NOT NULL,
	"kind" text,
	"note" text DEFAULT '' NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conclusion_corrections" (
	"id" text PRIMARY KEY NOT NULL,
	"conclusion_id" text NOT NULL,
	"at" text NOT NULL,
	"actor_id" text NOT NULL,
	"note" text NOT NULL,
	"before" json NOT NULL,
	"after" json NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"approver_id" text,
	"decided_at" text
);
--> statement-breakpoint
CREATE TABLE "dispute_conclusions" (
	"id" text PRIMARY KEY NOT NULL,
	"dispute_id" text NOT NULL,
	"finding" text DEFAULT '' NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"author_id" text,
	"reviewer_id" text,
	"return_note" text,
	"submitted_at" text,
	"published_at" text,
	"modified_at" text,
	"published" json,
	"withdrawn_at" text,
	"withdrawal_note" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reply_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"claim_id" text NOT NULL,
	"dispute_id" text NOT NULL,
	"asked_on" text NOT NULL,
	"channel" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"question" text NOT NULL,
	"reply_by" text,
	"answer" text,
	"answered_on" text,
	"created_by" text,
	"archived_at" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "quantities" json DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "independent_ratings" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "origin" text;--> statement-breakpoint
ALTER TABLE "claim_ratings" ADD CONSTRAINT "claim_ratings_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_ratings" ADD CONSTRAINT "claim_ratings_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_ratings" ADD CONSTRAINT "claim_ratings_rater_id_users_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_relations" ADD CONSTRAINT "claim_relations_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_relations" ADD CONSTRAINT "claim_relations_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_relations" ADD CONSTRAINT "claim_relations_other_claim_id_claims_id_fk" FOREIGN KEY ("other_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conclusion_corrections" ADD CONSTRAINT "conclusion_corrections_conclusion_id_dispute_conclusions_id_fk" FOREIGN KEY ("conclusion_id") REFERENCES "public"."dispute_conclusions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conclusion_corrections" ADD CONSTRAINT "conclusion_corrections_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conclusion_corrections" ADD CONSTRAINT "conclusion_corrections_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_conclusions" ADD CONSTRAINT "dispute_conclusions_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_conclusions" ADD CONSTRAINT "dispute_conclusions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_conclusions" ADD CONSTRAINT "dispute_conclusions_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_attempts" ADD CONSTRAINT "reply_attempts_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_attempts" ADD CONSTRAINT "reply_attempts_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_attempts" ADD CONSTRAINT "reply_attempts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claim_ratings_rater_unique" ON "claim_ratings" USING btree ("claim_id","rater_id");--> statement-breakpoint
CREATE INDEX "claim_ratings_created_idx" ON "claim_ratings" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_relations_pair_unique" ON "claim_relations" USING btree ("claim_id","other_claim_id");--> statement-breakpoint
CREATE INDEX "claim_relations_dispute_idx" ON "claim_relations" USING btree ("dispute_id");--> statement-breakpoint
CREATE INDEX "conclusion_corrections_conclusion_idx" ON "conclusion_corrections" USING btree ("conclusion_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_conclusions_dispute_unique" ON "dispute_conclusions" USING btree ("dispute_id");--> statement-breakpoint
CREATE INDEX "reply_attempts_claim_idx" ON "reply_attempts" USING btree ("claim_id","asked_on");--> statement-breakpoint
-- The single quantity becomes a one-item list, written as compact JSON text (the column keeps its text as written).
UPDATE "claims" SET "quantities" = ('[{"measure":' || to_json("quantity_unit")::text || ',"value":' || to_json("quantity_value")::text || ',"valueMax":null,"qualifier":' || to_json("quantity_qualifier")::text || ',"unit":' || to_json("quantity_unit")::text || ',"periodFrom":null,"periodTo":null,"place":null}]')::json WHERE "quantity_value" IS NOT NULL AND "quantity_unit" IS NOT NULL AND "quantity_qualifier" IS NOT NULL;
