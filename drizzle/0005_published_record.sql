CREATE TABLE `app_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `verdict_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`verdict_id` text NOT NULL,
	`taken_at` text NOT NULL,
	`reason` text NOT NULL,
	`content` text NOT NULL,
	FOREIGN KEY (`verdict_id`) REFERENCES `verdicts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verdict_snapshots_verdict_idx` ON `verdict_snapshots` (`verdict_id`,`taken_at`);--> statement-breakpoint
ALTER TABLE `verdict_corrections` ADD `status` text DEFAULT 'applied' NOT NULL;--> statement-breakpoint
ALTER TABLE `verdict_corrections` ADD `approver_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `verdict_corrections` ADD `decided_at` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `snapshot_id` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `withdrawn_at` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `withdrawal_note` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `imported_at` text;