import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/**
 * Raw bytes (PostgreSQL `bytea`) as a plain `Uint8Array`, whichever driver read them
 * (node-postgres returns a `Buffer`, PGlite a `Uint8Array`).
 */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * The transparency log's leaves (DESIGN.md §5), numbered from 0 in append order. `leaf` holds
 * the exact bytes that are hashed: the RFC 8785 canonical JSON of a `SignedLeaf`. Append-only:
 * a trigger (migration `log_append_only`) refuses UPDATE, DELETE and TRUNCATE.
 */
export const logLeaves = pgTable(
  "log_leaves",
  {
    index: bigint("index", { mode: "number" }).primaryKey(),
    leaf: bytes("leaf").notNull(),
    /** RFC 9162 leaf hash, `SHA-256(0x00 || leaf)`; unique, so a leaf is logged once. */
    leafHash: bytes("leaf_hash").notNull().unique(),
    /** The entry's `type`, for operators' queries; never used to build proofs. */
    entryType: text("entry_type").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("log_leaves_leaf_hash_size", sql`octet_length(${table.leafHash}) = 32`)],
);

/**
 * Hashes of the perfect subtrees of level 1 and above: the subtree of the `2^level` leaves
 * starting at leaf `index * 2^level`. Written once, when its last leaf is appended, so a proof
 * is a handful of reads and never a rebuild. Level 0 is `log_leaves.leaf_hash`. Append-only.
 */
export const logNodes = pgTable(
  "log_nodes",
  {
    level: smallint("level").notNull(),
    index: bigint("index", { mode: "number" }).notNull(),
    hash: bytes("hash").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.level, table.index] }),
    check("log_nodes_level_range", sql`${table.level} between 1 and 62`),
    check("log_nodes_hash_size", sql`octet_length(${table.hash}) = 32`),
  ],
);

/**
 * Tree heads signed with the hub's log key (context `tree-head`), one per tree size. The
 * signature covers `{ v: 1, type: "tree-head", treeSize, rootHash, timestamp }` with the
 * timestamp as `Date.toISOString()` renders it. Append-only.
 */
export const logHeads = pgTable("log_heads", {
  treeSize: bigint("tree_size", { mode: "number" }).primaryKey(),
  rootHash: bytes("root_hash").notNull(),
  timestamp: timestamp("timestamp", { withTimezone: true }).notNull(),
  signature: bytes("signature").notNull(),
});
