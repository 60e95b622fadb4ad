ALTER TABLE "runs" ADD COLUMN "diagnostics" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Existing runs have no stored diagnostics yet: their flags are due again, so the next start computes both.
UPDATE "runs" SET "flags_seq" = NULL;
