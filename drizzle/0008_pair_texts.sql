CREATE TABLE "pair_texts" (
	"hash" text PRIMARY KEY NOT NULL,
	"prompt" text NOT NULL,
	"chosen" text NOT NULL,
	"rejected" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_pairs" (
	"run_id" uuid NOT NULL,
	"pair_id" text NOT NULL,
	"text_hash" text NOT NULL,
	CONSTRAINT "run_pairs_run_id_pair_id_pk" PRIMARY KEY("run_id","pair_id")
);
--> statement-breakpoint
ALTER TABLE "run_pairs" ADD CONSTRAINT "run_pairs_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_pairs" ADD CONSTRAINT "run_pairs_text_hash_pair_texts_hash_fk" FOREIGN KEY ("text_hash") REFERENCES "public"."pair_texts"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "run_pairs_text_hash_idx" ON "run_pairs" USING btree ("text_hash");