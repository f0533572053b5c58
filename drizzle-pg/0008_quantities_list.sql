ALTER TABLE "claims" DROP COLUMN "quantity_value";--> statement-breakpoint
ALTER TABLE "claims" DROP COLUMN "quantity_unit";--> statement-breakpoint
ALTER TABLE "claims" DROP COLUMN "quantity_qualifier";