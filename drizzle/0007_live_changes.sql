CREATE TABLE "run_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "run_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" uuid NOT NULL,
	"project_id" integer NOT NULL,
	"kind" text NOT NULL,
	"keys" text[],
	"step_min" bigint,
	"step_max" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "silence_notified_at" timestamp (3) with time zone;--> statement-breakpoint
UPDATE "runs" SET "last_seen_at" = "updated_at";--> statement-breakpoint
ALTER TABLE "run_changes" ADD CONSTRAINT "run_changes_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "run_changes_run_idx" ON "run_changes" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "run_changes_project_idx" ON "run_changes" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "run_changes_created_idx" ON "run_changes" USING btree ("created_at");