ALTER TABLE "pair_texts" ADD COLUMN "prompt_lower" text GENERATED ALWAYS AS (lower(prompt)) STORED;--> statement-breakpoint
ALTER TABLE "pair_texts" ADD COLUMN "chosen_lower" text GENERATED ALWAYS AS (lower(chosen)) STORED;--> statement-breakpoint
ALTER TABLE "pair_texts" ADD COLUMN "rejected_lower" text GENERATED ALWAYS AS (lower(rejected)) STORED;