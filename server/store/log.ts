import { and, asc, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Executor, Tx } from "./executor";
import { logHeads, logLeaves, logNodes } from "./schema";

/**
 * The SQL of the transparency log. Leaves and perfect-subtree hashes are only ever inserted
 * (the database refuses anything else); the position of the next leaf is `max(index) + 1`, read
 * under {@link lockLogForAppend}, so every hub process sharing the database appends in turn.
 */

/** Advisory lock keys ("rela", "log"): the two-key space, apart from the migration lock. */
const APPEND_LOCK = sql`${0x72656c61}::int, ${0x6c6f67}::int`;

/** One perfect subtree's place in the tree: `2^level` leaves from leaf `index * 2^level`. */
export interface NodeKey {
  readonly level: number;
  readonly index: number;
}

/** A stored perfect-subtree hash. Level 0 is a leaf hash (kept in `log_leaves`). */
export interface NodeRow extends NodeKey {
  readonly hash: Uint8Array;
}

/** A leaf to insert at its final position. */
export interface LeafRow {
  readonly index: number;
  readonly leaf: Uint8Array;
  readonly leafHash: Uint8Array;
  readonly entryType: string;
}

/** The committed tree's size and its peaks: the perfect subtrees that compose it, largest first. */
export interface LogFrontier {
  readonly size: number;
  readonly peaks: NodeRow[];
}

/** A tree head as stored. */
export interface StoredHead {
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly timestamp: Date;
  readonly signature: Uint8Array;
}

/** Rows of a raw query, whichever driver ran it (both answer `{ rows }`). */
function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows: Record<string, unknown>[] }).rows;
}

/** bytea as returned by node-postgres (Buffer) or PGlite (Uint8Array). */
function bytesOf(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError("expected a bytea value");
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Waits for, then holds until the end of `tx`, the lock that serialises appends across every
 * hub sharing the database. `tx` must be READ COMMITTED (PostgreSQL's default), so that its
 * next statement sees the leaves committed by the previous holder.
 */
export async function lockLogForAppend(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
}

/** Takes the append lock for the rest of `tx` if it is free; false if an append holds it. */
export async function tryLockLogForAppend(tx: Tx): Promise<boolean> {
  const result = await tx.execute(sql`select pg_try_advisory_xact_lock(${APPEND_LOCK}) as locked`);
  return rowsOf(result)[0]?.locked === true;
}

/**
 * Reads the committed size and the peak hashes in one query. The peak of level L exists when
 * bit L of the size is set and covers the leaves from `(size >> (L + 1)) << (L + 1)`.
 */
export async function readLogFrontier(db: Executor): Promise<LogFrontier> {
  const result = await db.execute(sql`
    with tree as (select coalesce(max("index") + 1, 0)::bigint as size from ${logLeaves}),
    peaks as (
      select level, (tree.size >> (level + 1)) << 1 as position
      from tree, generate_series(0, 62) as level
      where (tree.size >> level) & 1 = 1
    )
    select tree.size, peaks.level, peaks.position,
      coalesce(n.hash, l.leaf_hash) as hash
    from tree
    left join peaks on true
    left join ${logNodes} n on peaks.level > 0 and n.level = peaks.level and n."index" = peaks.position
    left join ${logLeaves} l on peaks.level = 0 and l."index" = peaks.position
    order by peaks.level desc`);
  const rows = rowsOf(result);
  const size = Number(rows[0]?.size ?? 0);
  const peaks = rows
    .filter((row) => row.level !== null && row.level !== undefined)
    .map((row) => {
      if (row.hash === null) throw new Error(`log node ${row.level}/${row.position} is missing`);
      return { level: Number(row.level), index: Number(row.position), hash: bytesOf(row.hash) };
    });
  return { size, peaks };
}

/**
 * Inserts appended leaves and the perfect-subtree hashes they complete, in one statement (one
 * round trip under the lock, four array parameters whatever the batch size); `tx` must hold
 * {@link lockLogForAppend}.
 */
export async function insertLogAppend(
  tx: Executor,
  leaves: readonly LeafRow[],
  nodes: readonly NodeRow[],
): Promise<void> {
  const insertLeaves = sql`insert into ${logLeaves} ("index", leaf, leaf_hash, entry_type)
    select * from unnest(
      ${sql.param(leaves.map((row) => row.index))}::bigint[],
      ${sql.param(leaves.map((row) => row.leaf))}::bytea[],
      ${sql.param(leaves.map((row) => row.leafHash))}::bytea[],
      ${sql.param(leaves.map((row) => row.entryType))}::text[])`;
  if (nodes.length === 0) {
    await tx.execute(insertLeaves);
    return;
  }
  await tx.execute(sql`with appended as (${insertLeaves})
    insert into ${logNodes} (level, "index", hash)
    select * from unnest(
      ${sql.param(nodes.map((row) => row.level))}::smallint[],
      ${sql.param(nodes.map((row) => row.index))}::bigint[],
      ${sql.param(nodes.map((row) => row.hash))}::bytea[])`);
}

/** The key under which {@link readNodeHashes} returns a hash. */
export function nodeKey(key: NodeKey): string {
  return `${key.level}/${key.index}`;
}

/** Reads stored perfect-subtree hashes (level 0 from the leaves) in one query. */
export async function readNodeHashes(
  db: Executor,
  keys: readonly NodeKey[],
): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const leafIndices = keys.filter((key) => key.level === 0).map((key) => sql`${key.index}::bigint`);
  const nodes = keys
    .filter((key) => key.level > 0)
    .map((key) => sql`(${key.level}::smallint, ${key.index}::bigint)`);
  const parts: SQL[] = [];
  if (leafIndices.length > 0) {
    parts.push(sql`select 0 as level, "index", leaf_hash as hash from ${logLeaves}
      where "index" in (${sql.join(leafIndices, sql`, `)})`);
  }
  if (nodes.length > 0) {
    parts.push(sql`select level, "index", hash from ${logNodes}
      where (level, "index") in (${sql.join(nodes, sql`, `)})`);
  }
  if (parts.length === 0) return found;
  for (const row of rowsOf(await db.execute(sql.join(parts, sql` union all `)))) {
    found.set(nodeKey({ level: Number(row.level), index: Number(row.index) }), bytesOf(row.hash));
  }
  return found;
}

/** Leaves `[start, end)` in order, as stored. */
export async function readLogLeaves(
  db: Executor,
  start: number,
  end: number,
): Promise<{ index: number; leaf: Uint8Array }[]> {
  return db
    .select({ index: logLeaves.index, leaf: logLeaves.leaf })
    .from(logLeaves)
    .where(and(gte(logLeaves.index, start), lt(logLeaves.index, end)))
    .orderBy(asc(logLeaves.index));
}

/** Position of the leaf with this leaf hash, or undefined. */
export async function findLeafIndex(
  db: Executor,
  leafHash: Uint8Array,
): Promise<number | undefined> {
  const [row] = await db
    .select({ index: logLeaves.index })
    .from(logLeaves)
    .where(eq(logLeaves.leafHash, leafHash));
  return row?.index;
}

/** The signed head of the largest tree, or undefined before the first signature. */
export async function readLatestHead(db: Executor): Promise<StoredHead | undefined> {
  const [row] = await db.select().from(logHeads).orderBy(desc(logHeads.treeSize)).limit(1);
  return row;
}

/**
 * Stores a signed head unless one of the same size exists (another hub signed it first), and
 * returns the head stored for that size.
 */
export async function insertHead(db: Executor, head: StoredHead): Promise<StoredHead> {
  await db.insert(logHeads).values(head).onConflictDoNothing();
  const [row] = await db.select().from(logHeads).where(eq(logHeads.treeSize, head.treeSize));
  if (!row) throw new Error(`tree head ${head.treeSize} vanished`);
  return row;
}
