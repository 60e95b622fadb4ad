-- Custom migration: metrics and sequences become hash-partitioned by run (16 partitions each). Every per-run
-- query carries run_id, so the planner prunes to one partition; the same key is what Citus distributes on
-- (docs/scaling.md). drizzle's schema keeps describing the parent tables, whose columns and primary keys are
-- unchanged.
ALTER TABLE "metrics" RENAME TO "metrics_unpartitioned";--> statement-breakpoint
ALTER TABLE "metrics_unpartitioned" DROP CONSTRAINT "metrics_run_id_key_id_step_pk";--> statement-breakpoint
CREATE TABLE "metrics" (
	"run_id" uuid NOT NULL,
	"key_id" integer NOT NULL,
	"step" bigint NOT NULL,
	"value" double precision NOT NULL,
	"wall_time" double precision NOT NULL,
	CONSTRAINT "metrics_run_id_key_id_step_pk" PRIMARY KEY("run_id","key_id","step")
) PARTITION BY HASH ("run_id");--> statement-breakpoint
DO $$
BEGIN
  FOR i IN 0..15 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "metrics" FOR VALUES WITH (MODULUS 16, REMAINDER %s)', 'metrics_p' || i, i);
  END LOOP;
END $$;--> statement-breakpoint
INSERT INTO "metrics" SELECT "run_id", "key_id", "step", "value", "wall_time" FROM "metrics_unpartitioned";--> statement-breakpoint
DROP TABLE "metrics_unpartitioned";--> statement-breakpoint
ALTER TABLE "sequences" RENAME TO "sequences_unpartitioned";--> statement-breakpoint
ALTER TABLE "sequences_unpartitioned" DROP CONSTRAINT "sequences_run_id_step_split_pair_id_pk";--> statement-breakpoint
CREATE TABLE "sequences" (
	"run_id" uuid NOT NULL,
	"step" bigint NOT NULL,
	"split" text DEFAULT 'train' NOT NULL,
	"pair_id" text NOT NULL,
	"logp_chosen" double precision NOT NULL,
	"logp_rejected" double precision NOT NULL,
	"ref_logp_chosen" double precision NOT NULL,
	"ref_logp_rejected" double precision NOT NULL,
	"len_chosen" integer,
	"len_rejected" integer,
	"log_grad_chosen" double precision,
	"log_grad_rejected" double precision,
	CONSTRAINT "sequences_run_id_step_split_pair_id_pk" PRIMARY KEY("run_id","step","split","pair_id")
) PARTITION BY HASH ("run_id");--> statement-breakpoint
DO $$
BEGIN
  FOR i IN 0..15 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "sequences" FOR VALUES WITH (MODULUS 16, REMAINDER %s)', 'sequences_p' || i, i);
  END LOOP;
END $$;--> statement-breakpoint
INSERT INTO "sequences" SELECT "run_id", "step", "split", "pair_id", "logp_chosen", "logp_rejected", "ref_logp_chosen", "ref_logp_rejected", "len_chosen", "len_rejected", "log_grad_chosen", "log_grad_rejected" FROM "sequences_unpartitioned";--> statement-breakpoint
DROP TABLE "sequences_unpartitioned";
