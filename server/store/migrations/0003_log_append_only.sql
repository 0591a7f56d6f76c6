-- The transparency log is append-only (DESIGN.md §5): the database itself refuses to change or
-- remove leaves, node hashes and signed tree heads, whatever the application does. Statement
-- triggers fire even when no row matches, so an attempt is refused, not silently ignored.
CREATE FUNCTION "relais_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the transparency log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
		USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "log_leaves_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "log_leaves"
	FOR EACH STATEMENT EXECUTE FUNCTION "relais_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "log_nodes_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "log_nodes"
	FOR EACH STATEMENT EXECUTE FUNCTION "relais_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "log_heads_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "log_heads"
	FOR EACH STATEMENT EXECUTE FUNCTION "relais_log_refuse_change"();
