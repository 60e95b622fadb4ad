CREATE TABLE "flag_notifications" (
	"run_id" uuid NOT NULL,
	"property" text NOT NULL,
	"severity" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flag_notifications_run_id_property_severity_pk" PRIMARY KEY("run_id","property","severity")
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "flag_level" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "flags_computed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "flag_notifications" ADD CONSTRAINT "flag_notifications_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;