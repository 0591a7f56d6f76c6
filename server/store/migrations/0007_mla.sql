CREATE TABLE "mla_notices" (
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mla_notices_request_id_kind_pk" PRIMARY KEY("request_id","kind")
);
--> statement-breakpoint
CREATE TABLE "mla_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel_id" uuid NOT NULL,
	"requesting_post_id" uuid NOT NULL,
	"requested_post_id" uuid NOT NULL,
	"requesting_country" text NOT NULL,
	"requested_country" text NOT NULL,
	"status" text NOT NULL,
	"awaiting_information" boolean NOT NULL,
	"deadline" text,
	"urgency" text NOT NULL,
	"alert_ids" uuid[] NOT NULL,
	"created_by_person" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mla_transitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"action" text NOT NULL,
	"side" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"grounds" text[],
	"actor_post_id" uuid NOT NULL,
	"actor_device_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"leaf_hash" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mla_notices" ADD CONSTRAINT "mla_notices_request_id_mla_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."mla_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mla_requests" ADD CONSTRAINT "mla_requests_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mla_requests" ADD CONSTRAINT "mla_requests_requesting_post_id_posts_id_fk" FOREIGN KEY ("requesting_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mla_requests" ADD CONSTRAINT "mla_requests_requested_post_id_posts_id_fk" FOREIGN KEY ("requested_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mla_requests" ADD CONSTRAINT "mla_requests_created_by_person_persons_id_fk" FOREIGN KEY ("created_by_person") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mla_transitions" ADD CONSTRAINT "mla_transitions_request_id_mla_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."mla_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mla_transitions" ADD CONSTRAINT "mla_transitions_actor_post_id_posts_id_fk" FOREIGN KEY ("actor_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mla_transitions" ADD CONSTRAINT "mla_transitions_actor_device_id_devices_id_fk" FOREIGN KEY ("actor_device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mla_requests_requesting_post_idx" ON "mla_requests" USING btree ("requesting_post_id");--> statement-breakpoint
CREATE INDEX "mla_requests_requested_post_idx" ON "mla_requests" USING btree ("requested_post_id");--> statement-breakpoint
CREATE INDEX "mla_requests_requested_country_idx" ON "mla_requests" USING btree ("requested_country");--> statement-breakpoint
CREATE INDEX "mla_transitions_request_idx" ON "mla_transitions" USING btree ("request_id");