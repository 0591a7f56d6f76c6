-- What a send is checked against (a channel's readers, the devices its current epoch covers, the
-- devices it reaches) is read from these five tables only. Every transaction that changes one of
-- them gives the version a new random token, so a hub may keep the facts it read for as long as the
-- token it reads with the channel's lock is the same (decision 30). A random token, not a counter:
-- a database restored to an earlier state can never show a token that stood for other facts.
CREATE TABLE "send_facts_version" (
	"id" integer PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
	"token" uuid NOT NULL,
	"changed_in" xid8
);
--> statement-breakpoint
INSERT INTO "send_facts_version" ("id", "token") VALUES (1, gen_random_uuid());
--> statement-breakpoint
-- Once per transaction: the row is written when the transaction commits (the triggers below are
-- deferred), after every other lock it takes, so it never joins a deadlock with them (the log's
-- append lock, the channels' rows).
CREATE FUNCTION "relais_send_facts_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "send_facts_version" SET "token" = gen_random_uuid(), "changed_in" = pg_current_xact_id()
		WHERE "id" = 1 AND "changed_in" IS DISTINCT FROM pg_current_xact_id();
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "channel_members_send_facts" AFTER INSERT OR UPDATE OR DELETE
	ON "channel_members" DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION "relais_send_facts_changed"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "channel_epochs_send_facts" AFTER INSERT OR UPDATE OR DELETE
	ON "channel_epochs" DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION "relais_send_facts_changed"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "assignments_send_facts" AFTER INSERT OR UPDATE OR DELETE
	ON "assignments" DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION "relais_send_facts_changed"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "persons_send_facts" AFTER INSERT OR DELETE OR UPDATE OF "id", "status"
	ON "persons" DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION "relais_send_facts_changed"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "devices_send_facts" AFTER INSERT OR DELETE OR UPDATE OF "id", "person_id", "status"
	ON "devices" DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION "relais_send_facts_changed"();
--> statement-breakpoint
-- TRUNCATE has no row triggers; it locks the whole table anyway.
CREATE TRIGGER "channel_members_send_facts_truncate" AFTER TRUNCATE ON "channel_members"
	FOR EACH STATEMENT EXECUTE FUNCTION "relais_send_facts_changed"();
--> statement-breakpoint
CREATE TRIGGER "channel_epochs_send_facts_truncate" AFTER TRUNCATE ON "channel_epochs"
	FOR EACH STATEMENT EXECUTE FUNCTION "relais_send_facts_changed"();
--> statement-breakpoint
CREATE TRIGGER "assignments_send_facts_truncate" AFTER TRUNCATE ON "assignments"
	FOR EACH STATEMENT EXECUTE FUNCTION "relais_send_facts_changed"();
--> statement-breakpoint
CREATE TRIGGER "persons_send_facts_truncate" AFTER TRUNCATE ON "persons"
	FOR EACH STATEMENT EXECUTE FUNCTION "relais_send_facts_changed"();
--> statement-breakpoint
CREATE TRIGGER "devices_send_facts_truncate" AFTER TRUNCATE ON "devices"
	FOR EACH STATEMENT EXECUTE FUNCTION "relais_send_facts_changed"();
