CREATE TABLE "log_heads" (
	"tree_size" bigint PRIMARY KEY NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"signature" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_leaves" (
	"index" bigint PRIMARY KEY NOT NULL,
	"leaf" "bytea" NOT NULL,
	"leaf_hash" "bytea" NOT NULL,
	"entry_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_leaves_leaf_hash_unique" UNIQUE("leaf_hash"),
	CONSTRAINT "log_leaves_leaf_hash_size" CHECK (octet_length("log_leaves"."leaf_hash") = 32)
);
--> statement-breakpoint
CREATE TABLE "log_nodes" (
	"level" smallint NOT NULL,
	"index" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "log_nodes_level_index_pk" PRIMARY KEY("level","index"),
	CONSTRAINT "log_nodes_level_range" CHECK ("log_nodes"."level" between 1 and 62),
	CONSTRAINT "log_nodes_hash_size" CHECK (octet_length("log_nodes"."hash") = 32)
);
