ALTER TABLE "runs" ADD COLUMN "notes" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "write_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "flags_seq" bigint;--> statement-breakpoint
UPDATE "runs" SET "flags_seq" = 0 WHERE "flags_computed_at" >= "updated_at";
