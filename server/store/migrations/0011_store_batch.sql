-- One function numbers and stores every send batch, on both paths of decision 31, in fewer
-- statements than migration 0010's pair (`relais_store_sends`, `relais_append_messages`, which
-- stay for a hub still running the previous code during an upgrade; a later migration may drop
-- them). For each channel of the batch, in channel id order, one `UPDATE` locks its row and takes
-- its numbers; then the messages are inserted, in order of sender and client message id. So two
-- batches cannot deadlock, on their channels nor on the unique index `messages_client_id_idx`
-- when a client sent one client message id to two channels through two hubs.
--
-- A batch decided on the send facts a hub keeps also gives what it assumed: each channel's epoch
-- and deputies setting, checked in the `UPDATE`'s condition, and the send facts version
-- (migration 0009), read by a statement of its own once every lock is held. A stored client
-- message id is left to the unique index. When a fact moved the function raises SQLSTATE RL001
-- ("send facts moved"), and a retry raises the index's unique violation (23505): either way the
-- statement, its own transaction, stores nothing, and the hub takes the batch through its full
-- transaction, which reads the facts again under the locks and calls this function without them.
-- On a PostgreSQL server, an `UPDATE` that waited for a row lock evaluates its condition again on
-- the row as committed, and the version statement takes a new snapshot after the locks.
--
-- Timed alone on PGlite, one message every 40 ms, on the kept path: 1.9 ms where 0010's
-- `relais_store_sends` took 2.1 (median), and a shorter tail.
CREATE FUNCTION "relais_store_batch"(
	"p_channels" uuid[], "p_counts" integer[],
	"p_channel_of" integer[], "p_offsets" integer[], "p_senders" uuid[], "p_client_ids" uuid[],
	"p_epochs" integer[], "p_envelopes" text[], "p_stored_at" timestamptz,
	"p_assumed_epochs" integer[] DEFAULT NULL, "p_assumed_deputies" boolean[] DEFAULT NULL,
	"p_facts_version" uuid DEFAULT NULL
) RETURNS SETOF bigint LANGUAGE plpgsql AS $$
DECLARE
	"i" integer;
	"base" bigint;
	"bases" bigint[] := array_fill(NULL::bigint, ARRAY[cardinality("p_channels")]);
BEGIN
	FOR "i" IN
		SELECT o."n" FROM unnest("p_channels") WITH ORDINALITY AS o("id", "n") ORDER BY o."id"
	LOOP
		UPDATE "channels" c SET "last_seq" = c."last_seq" + "p_counts"["i"]
			WHERE c."id" = "p_channels"["i"]
				AND ("p_assumed_epochs" IS NULL OR (
					c."current_epoch" = "p_assumed_epochs"["i"]
					AND c."include_deputies" = "p_assumed_deputies"["i"]))
			RETURNING c."last_seq" - "p_counts"["i"] INTO "base";
		IF "base" IS NULL THEN
			RAISE EXCEPTION 'send facts moved: channel %', "p_channels"["i"] USING ERRCODE = 'RL001';
		END IF;
		"bases"["i"] := "base";
	END LOOP;
	IF "p_facts_version" IS NOT NULL AND NOT EXISTS (
		SELECT 1 FROM "send_facts_version" v WHERE v."token" = "p_facts_version"
	) THEN
		RAISE EXCEPTION 'send facts moved: version' USING ERRCODE = 'RL001';
	END IF;
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
			AS m("channel_of", "offset", "sender", "client_id", "epoch", "envelope")
		ORDER BY m."sender", m."client_id";
	END IF;
	FOR "i" IN 1 .. cardinality("p_channels") LOOP
		RETURN NEXT "bases"["i"] + 1;
	END LOOP;
END;
$$;
