ALTER TABLE "pair_texts" ADD COLUMN "prompt_lower" text GENERATED ALWAYS AS (lower(prompt)) STORED;--> statement-breakpoint
ALTER TABLE "pair_texts" ADD COLUMN "chosen_lower" text GENERATED ALWAYS AS (lower(chosen)) STORED;--> statement-breakpoint
ALTER TABLE "pair_texts" ADD COLUMN "rejected_lower" text GENERATED ALWAYS AS (lower(rejected)) STORED;--> statement-breakpoint
-- Custom SQL (drizzle cannot say it): trigram indexes over the lower-cased texts, for the inspector's substring
-- search. pg_trgm needs rights to create on a server; where it cannot be created (or its operator class is not
-- reachable) the indexes are left out and the same search scans the columns instead: the same rows, slower.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm not created (%): pair text search runs without an index', SQLERRM;
END $$;--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS "pair_texts_prompt_lower_trgm_idx" ON "pair_texts" USING gin ("prompt_lower" gin_trgm_ops) WITH (gin_pending_list_limit = 256);
    CREATE INDEX IF NOT EXISTS "pair_texts_chosen_lower_trgm_idx" ON "pair_texts" USING gin ("chosen_lower" gin_trgm_ops) WITH (gin_pending_list_limit = 256);
    CREATE INDEX IF NOT EXISTS "pair_texts_rejected_lower_trgm_idx" ON "pair_texts" USING gin ("rejected_lower" gin_trgm_ops) WITH (gin_pending_list_limit = 256);
  END IF;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pair_texts trigram indexes not created (%): pair text search runs without them', SQLERRM;
END $$;
