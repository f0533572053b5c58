CREATE TABLE `claim_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`dispute_id` text NOT NULL,
	`rater_id` text NOT NULL,
	`rating` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rater_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claim_ratings_rater_unique` ON `claim_ratings` (`claim_id`,`rater_id`);--> statement-breakpoint
CREATE INDEX `claim_ratings_created_idx` ON `claim_ratings` (`created_at`);--> statement-breakpoint
CREATE TABLE `claim_relations` (
	`id` text PRIMARY KEY NOT NULL,
	`dispute_id` text NOT NULL,
	`claim_id` text NOT NULL,
	`other_claim_id` text NOT NULL,
	`kind` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`other_claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claim_relations_pair_unique` ON `claim_relations` (`claim_id`,`other_claim_id`);--> statement-breakpoint
CREATE INDEX `claim_relations_dispute_idx` ON `claim_relations` (`dispute_id`);--> statement-breakpoint
CREATE TABLE `conclusion_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`conclusion_id` text NOT NULL,
	`at` text NOT NULL,
	`actor_id` text NOT NULL,
	`note` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`status` text DEFAULT 'applied' NOT NULL,
	`approver_id` text,
	`decided_at` text,
	FOREIGN KEY (`conclusion_id`) REFERENCES `dispute_conclusions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approver_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conclusion_corrections_conclusion_idx` ON `conclusion_corrections` (`conclusion_id`,`at`);--> statement-breakpoint
CREATE TABLE `dispute_conclusions` (
	`id` text PRIMARY KEY NOT NULL,
	`dispute_id` text NOT NULL,
	`finding` text DEFAULT '' NOT NULL,
	`rationale` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`author_id` text,
	`reviewer_id` text,
	`return_note` text,
	`submitted_at` text,
	`published_at` text,
	`modified_at` text,
	`published` text,
	`withdrawn_at` text,
	`withdrawal_note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dispute_conclusions_dispute_unique` ON `dispute_conclusions` (`dispute_id`);--> statement-breakpoint
CREATE TABLE `reply_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`dispute_id` text NOT NULL,
	`asked_on` text NOT NULL,
	`channel` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`question` text NOT NULL,
	`reply_by` text,
	`answer` text,
	`answered_on` text,
	`created_by` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reply_attempts_claim_idx` ON `reply_attempts` (`claim_id`,`asked_on`);--> statement-breakpoint
ALTER TABLE `claims` ADD `quantities` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `disputes` ADD `independent_ratings` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `evidence` ADD `origin` text;--> statement-breakpoint
-- The single quantity becomes a one-item list; whole numbers are written as JSON writes them (300, not 300.0).
UPDATE `claims` SET `quantities` = json_array(json_object('measure', `quantity_unit`, 'value', CASE WHEN `quantity_value` = CAST(`quantity_value` AS INTEGER) THEN CAST(`quantity_value` AS INTEGER) ELSE `quantity_value` END, 'valueMax', NULL, 'qualifier', `quantity_qualifier`, 'unit', `quantity_unit`, 'periodFrom', NULL, 'periodTo', NULL, 'place', NULL)) WHERE `quantity_value` IS NOT NULL AND `quantity_unit` IS NOT NULL AND `quantity_qualifier` IS NOT NULL;
