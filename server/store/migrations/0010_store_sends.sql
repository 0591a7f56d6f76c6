-- The hot path of delivery as functions (decision 31). A PL/pgSQL function keeps the plans of its
-- statements for the session, and a call is one round trip: on PGlite, each statement sent costs
-- its parse and plan and a fixed cost that grows several times on an idle hub, and they were most
-- of a send's time. A batch of one message, the common case on a quiet hub, takes single-row
-- statements; larger batches take set-based ones, whose fixed cost is higher and cost per row lower.
--
-- A batch is given as its channels (each once: `p_channels`, `p_counts` messages in each) and its
-- messages (`p_channel_of`: the index of the message's channel in `p_channels`, from 1;
-- `p_offsets`: the message's position among its channel's messages of the batch, from 1).
--
-- Numbers and stores a batch, the channels' rows locked by the caller: each channel's sequence
-- moves by its count, and its messages take the next numbers. Returns the first number taken in
-- each channel, in the order of `p_channels`.
CREATE FUNCTION "relais_append_messages"(
	"p_channels" uuid[], "p_counts" integer[],
	"p_channel_of" integer[], "p_offsets" integer[], "p_senders" uuid[], "p_client_ids" uuid[],
	"p_epochs" integer[], "p_envelopes" text[], "p_stored_at" timestamptz
) RETURNS SETOF bigint LANGUAGE plpgsql AS $$
DECLARE
	"i" integer;
	"base" bigint;
	"bases" bigint[] := '{}';
BEGIN
	FOR "i" IN 1 .. cardinality("p_channels") LOOP
		UPDATE "channels" c SET "last_seq" = c."last_seq" + "p_counts"["i"]
			WHERE c."id" = "p_channels"["i"]
			RETURNING c."last_seq" - "p_counts"["i"] INTO "base";
		IF "base" IS NULL THEN
			RAISE EXCEPTION 'channel % of the batch vanished', "p_channels"["i"];
		END IF;
		"bases" := "bases" || "base";
		RETURN NEXT "base" + 1;
	END LOOP;
	IF cardinality("p_senders") = 1 THEN
		INSERT INTO "messages"
			("channel_id", "seq", "sender_device_id", "client_message_id", "epoch", "envelope", "stored_at")
		VALUES ("p_channels"["p_channel_of"[1]], "bases"["p_channel_of"[1]] + "p_offsets"[1],
			"p_senders"[1], "p_client_ids"[1], "p_epochs"[1], "p_envelopes"[1], "p_stored_at");
	ELSE
		INSERT INTO "messages"
			("channel_id", "seq", "sender_device_id", "client_message_id", "epoch", "envelope", "stored_at")
		SELECT "p_channels"[m."channel_of"], "bases"[m."channel_of"] + m."offset",
			m."sender", m."client_id", m."epoch", m."envelope", "p_stored_at"
		FROM unnest("p_channel_of", "p_offsets", "p_senders", "p_client_ids", "p_epochs", "p_envelopes")
			AS m("channel_of", "offset", "sender", "client_id", "epoch", "envelope");
	END IF;
END;
$$;
--> statement-breakpoint
-- A batch decided on the send facts a hub keeps, stored in one call (one statement, so a
-- transaction of its own): it locks the batch's channels in id order, then stores the batch only
-- if what the decisions rest on still holds: each channel's epoch and deputies setting as given,
-- the send facts version (migration 0009) as given, and none of the sends stored already (a
-- retry). Otherwise it stores nothing and returns no row, and the hub takes the batch through its
-- full transaction. Each check is a statement of its own, so on a PostgreSQL server it reads what
-- committed before the locks were granted.
CREATE FUNCTION "relais_store_sends"(
	"p_facts_version" uuid,
	"p_channels" uuid[], "p_channel_epochs" integer[], "p_channel_deputies" boolean[],
	"p_counts" integer[],
	"p_channel_of" integer[], "p_offsets" integer[], "p_senders" uuid[], "p_client_ids" uuid[],
	"p_epochs" integer[], "p_envelopes" text[], "p_stored_at" timestamptz
) RETURNS SETOF bigint LANGUAGE plpgsql AS $$
DECLARE
	"i" integer;
	"holds" boolean;
BEGIN
	PERFORM 1 FROM "channels" c WHERE c."id" = ANY ("p_channels") ORDER BY c."id" FOR UPDATE;
	FOR "i" IN 1 .. cardinality("p_channels") LOOP
		SELECT c."current_epoch" = "p_channel_epochs"["i"]
			AND c."include_deputies" = "p_channel_deputies"["i"] INTO "holds"
		FROM "channels" c WHERE c."id" = "p_channels"["i"];
		IF "holds" IS NOT TRUE THEN
			RETURN;
		END IF;
	END LOOP;
	IF NOT EXISTS (SELECT 1 FROM "send_facts_version" v WHERE v."token" = "p_facts_version") THEN
		RETURN;
	END IF;
	IF cardinality("p_senders") = 1 THEN
		IF EXISTS (
			SELECT 1 FROM "messages" m
			WHERE m."sender_device_id" = "p_senders"[1] AND m."client_message_id" = "p_client_ids"[1]
		) THEN
			RETURN;
		END IF;
	ELSIF EXISTS (
		SELECT 1 FROM unnest("p_senders", "p_client_ids") AS k("sender", "client_id")
		JOIN "messages" m ON m."sender_device_id" = k."sender" AND m."client_message_id" = k."client_id"
	) THEN
		RETURN;
	END IF;
	RETURN QUERY SELECT * FROM "relais_append_messages"("p_channels", "p_counts",
		"p_channel_of", "p_offsets", "p_senders", "p_client_ids", "p_epochs", "p_envelopes", "p_stored_at");
END;
$$;
