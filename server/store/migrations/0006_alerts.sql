CREATE TABLE "alert_distribution_lists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"owner_post_id" uuid NOT NULL,
	"post_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alert_id" uuid NOT NULL,
	"alert_version" integer NOT NULL,
	"author_post_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"in_reply_to" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_forwards" (
	"channel_id" uuid PRIMARY KEY NOT NULL,
	"alert_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"from_post_id" uuid NOT NULL,
	"to_post_ids" uuid[] NOT NULL,
	"forwarded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_permission_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"decided_by_post_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"conditions" text,
	"valid_until" timestamp with time zone,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_permission_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alert_id" uuid NOT NULL,
	"alert_version" integer NOT NULL,
	"purpose" text NOT NULL,
	"requesting_post_id" uuid NOT NULL,
	"target_post_ids" uuid[],
	"justification" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_recipients" (
	"alert_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"acknowledged_version" integer,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_device" uuid,
	"reminded_version" integer,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "alert_recipients_alert_id_post_id_pk" PRIMARY KEY("alert_id","post_id")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"issuer_post_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"addressing" jsonb NOT NULL,
	"tlp" text NOT NULL,
	"handling" text NOT NULL,
	"urgent" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"created_by_person" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_distribution_lists" ADD CONSTRAINT "alert_distribution_lists_owner_post_id_posts_id_fk" FOREIGN KEY ("owner_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_follow_ups" ADD CONSTRAINT "alert_follow_ups_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_follow_ups" ADD CONSTRAINT "alert_follow_ups_author_post_id_posts_id_fk" FOREIGN KEY ("author_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_forwards" ADD CONSTRAINT "alert_forwards_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_forwards" ADD CONSTRAINT "alert_forwards_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_forwards" ADD CONSTRAINT "alert_forwards_from_post_id_posts_id_fk" FOREIGN KEY ("from_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_permission_decisions" ADD CONSTRAINT "alert_permission_decisions_request_id_alert_permission_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."alert_permission_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_permission_decisions" ADD CONSTRAINT "alert_permission_decisions_decided_by_post_id_posts_id_fk" FOREIGN KEY ("decided_by_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_permission_requests" ADD CONSTRAINT "alert_permission_requests_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_permission_requests" ADD CONSTRAINT "alert_permission_requests_requesting_post_id_posts_id_fk" FOREIGN KEY ("requesting_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_recipients" ADD CONSTRAINT "alert_recipients_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_recipients" ADD CONSTRAINT "alert_recipients_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_recipients" ADD CONSTRAINT "alert_recipients_acknowledged_by_device_devices_id_fk" FOREIGN KEY ("acknowledged_by_device") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_issuer_post_id_posts_id_fk" FOREIGN KEY ("issuer_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_created_by_person_persons_id_fk" FOREIGN KEY ("created_by_person") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_follow_ups_alert_idx" ON "alert_follow_ups" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "alert_forwards_alert_idx" ON "alert_forwards" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "alert_permission_decisions_request_idx" ON "alert_permission_decisions" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "alert_permission_requests_alert_idx" ON "alert_permission_requests" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "alert_recipients_post_idx" ON "alert_recipients" USING btree ("post_id");