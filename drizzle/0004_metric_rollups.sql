CREATE TABLE "metric_rollups" (
	"run_id" uuid NOT NULL,
	"key_id" integer NOT NULL,
	"level" smallint NOT NULL,
	"bucket" bigint NOT NULL,
	"n" integer NOT NULL,
	"min_value" double precision NOT NULL,
	"min_step" bigint NOT NULL,
	"min_time" double precision NOT NULL,
	"max_value" double precision NOT NULL,
	"max_step" bigint NOT NULL,
	"max_time" double precision NOT NULL,
	CONSTRAINT "metric_rollups_run_id_key_id_level_bucket_pk" PRIMARY KEY("run_id","key_id","level","bucket")
);
