CREATE TABLE `claim_links` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`kind` text NOT NULL,
	`linked_claim_id` text,
	`fact_check_id` text,
	`created_by` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`linked_claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fact_check_id`) REFERENCES `fact_checks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_links_claim_idx` ON `claim_links` (`claim_id`);--> statement-breakpoint
CREATE INDEX `claim_links_linked_idx` ON `claim_links` (`linked_claim_id`);--> statement-breakpoint
CREATE TABLE `fact_check_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`interval_minutes` integer NOT NULL,
	`etag` text,
	`last_modified` text,
	`last_fetched_at` text,
	`last_status` text,
	`last_error` text,
	`item_count` integer DEFAULT 0 NOT NULL,
	`next_fetch_at` text NOT NULL,
	`created_by` text,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fact_check_feeds_due_idx` ON `fact_check_feeds` (`next_fetch_at`);--> statement-breakpoint
CREATE TABLE `fact_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`publisher_name` text NOT NULL,
	`publisher_url` text,
	`claim_reviewed` text NOT NULL,
	`claimant` text,
	`claim_date` text,
	`review_date` text,
	`language` text,
	`appearance_urls` text DEFAULT '[]' NOT NULL,
	`rating_label` text,
	`rating_value` real,
	`rating_best` real,
	`rating_worst` real,
	`rating_normalized` text,
	`feed_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`feed_id`) REFERENCES `fact_check_feeds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fact_checks_url_unique` ON `fact_checks` (`url`);--> statement-breakpoint
CREATE INDEX `fact_checks_review_idx` ON `fact_checks` (`review_date`,`id`);--> statement-breakpoint
CREATE INDEX `fact_checks_publisher_idx` ON `fact_checks` (`publisher_name`,`review_date`,`id`);--> statement-breakpoint
CREATE INDEX `fact_checks_language_idx` ON `fact_checks` (`language`,`review_date`,`id`);--> statement-breakpoint
CREATE INDEX `fact_checks_rating_idx` ON `fact_checks` (`rating_normalized`,`review_date`,`id`);--> statement-breakpoint
ALTER TABLE `claimants` ADD `aliases` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `claimants` ADD `job_title` text;--> statement-breakpoint
ALTER TABLE `claimants` ADD `affiliation` text;--> statement-breakpoint
ALTER TABLE `claimants` ADD `image_url` text;--> statement-breakpoint
ALTER TABLE `claimants` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `claimants` ADD `merged_into_id` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `fact_check_id` text REFERENCES fact_checks(id);--> statement-breakpoint
ALTER TABLE `evidence` ADD `fact_check_rating_label` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `fact_check_rating` text;