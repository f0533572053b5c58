CREATE TABLE `claimants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`url` text,
	`same_as` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `claimants_name_idx` ON `claimants` (`name`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`dispute_id` text NOT NULL,
	`claimant_id` text NOT NULL,
	`text` text NOT NULL,
	`short_text` text,
	`stated_on` text,
	`appearance_url` text,
	`archive_url` text,
	`language` text,
	`quantity_value` real,
	`quantity_unit` text,
	`quantity_qualifier` text,
	`position` integer DEFAULT 0 NOT NULL,
	`archived_at` text,
	`verdict_rating` text,
	`verdict_status` text,
	`supporting_count` integer DEFAULT 0 NOT NULL,
	`contradicting_count` integer DEFAULT 0 NOT NULL,
	`context_count` integer DEFAULT 0 NOT NULL,
	`activity_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claimant_id`) REFERENCES `claimants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claims_dispute_idx` ON `claims` (`dispute_id`,`position`);--> statement-breakpoint
CREATE INDEX `claims_log_order_idx` ON `claims` (`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_claimant_idx` ON `claims` (`claimant_id`,`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_status_idx` ON `claims` (`verdict_status`,`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_rating_idx` ON `claims` (`verdict_rating`,`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_stated_idx` ON `claims` (`stated_on`);--> statement-breakpoint
CREATE TABLE `dispute_tags` (
	`dispute_id` text NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`dispute_id`, `tag`),
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dispute_tags_tag_idx` ON `dispute_tags` (`tag`,`dispute_id`);--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`question` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`archived_at` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disputes_updated_idx` ON `disputes` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `disputes_title_idx` ON `disputes` (`title`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`dispute_id` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`source_name` text DEFAULT '' NOT NULL,
	`url` text,
	`archive_url` text,
	`excerpt` text DEFAULT '' NOT NULL,
	`excerpt_sha256` text NOT NULL,
	`published_on` text,
	`accessed_on` text,
	`source_reliability` text,
	`information_credibility` integer,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_dispute_idx` ON `evidence` (`dispute_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `history_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`dispute_id` text,
	`claim_id` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `history_events_id_unique` ON `history_events` (`id`);--> statement-breakpoint
CREATE INDEX `history_entity_idx` ON `history_events` (`entity`,`entity_id`,`seq`);--> statement-breakpoint
CREATE INDEX `history_dispute_idx` ON `history_events` (`dispute_id`,`seq`);--> statement-breakpoint
CREATE INDEX `history_claim_idx` ON `history_events` (`claim_id`,`seq`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `stances` (
	`id` text PRIMARY KEY NOT NULL,
	`evidence_id` text NOT NULL,
	`claim_id` text NOT NULL,
	`stance` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stances_cell_unique` ON `stances` (`evidence_id`,`claim_id`);--> statement-breakpoint
CREATE INDEX `stances_claim_idx` ON `stances` (`claim_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `verdict_citations` (
	`verdict_id` text NOT NULL,
	`evidence_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`verdict_id`, `evidence_id`),
	FOREIGN KEY (`verdict_id`) REFERENCES `verdicts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verdict_citations_evidence_idx` ON `verdict_citations` (`evidence_id`);--> statement-breakpoint
CREATE TABLE `verdict_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`verdict_id` text NOT NULL,
	`at` text NOT NULL,
	`actor_id` text NOT NULL,
	`note` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	FOREIGN KEY (`verdict_id`) REFERENCES `verdicts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verdict_corrections_verdict_idx` ON `verdict_corrections` (`verdict_id`,`at`);--> statement-breakpoint
CREATE TABLE `verdicts` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`rating` text,
	`summary` text DEFAULT '' NOT NULL,
	`rationale` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`author_id` text,
	`reviewer_id` text,
	`return_note` text,
	`submitted_at` text,
	`published_at` text,
	`modified_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `verdicts_claim_unique` ON `verdicts` (`claim_id`);--> statement-breakpoint
CREATE INDEX `verdicts_status_idx` ON `verdicts` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `verdicts_published_idx` ON `verdicts` (`published_at`,`id`);