import type { Pool } from "pg";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import type { SignedLeaf } from "#shared/log/entries";
import { benchLeaf, createScratchLog, type ScratchLog } from "./logScratch";
import { report } from "./report";

/** One benchmark shape: how many append loops run at once, how many leaves each call carries. */
interface Shape {
  readonly appenders: number;
  readonly leavesPerCall: number;
}

/** `log.append_batched`: register imports, several transactions of many leaves at once. */
const BATCHED: Shape = { appenders: 4, leavesPerCall: 250 };
/** `log.append_concurrent`: many requests appending one leaf each, through group commit. */
const CONCURRENT: Shape = { appenders: 64, leavesPerCall: 1 };
/** Leaves prepared per side before measuring; each is appended once (leaf hashes are unique). */
const STOCK = 240_000;

/** Hands out consecutive slices of `items`; undefined once exhausted. */
function slicer<T>(items: readonly T[]): (count: number) => T[] | undefined {
  let next = 0;
  return (count) => {
    if (next + count > items.length) return undefined;
    next += count;
    return items.slice(next - count, next);
  };
}

/** Runs the shape's loops of `appendOnce` for `seconds`; returns leaves appended per second. */
async function measure(
  shape: Shape,
  seconds: number,
  appendOnce: () => Promise<number>,
  settle: () => Promise<void>,
): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let appended = 0;
  await Promise.all(
    Array.from({ length: shape.appenders }, async () => {
      while (performance.now() < deadline) {
        const count = await appendOnce();
        if (count === 0) return;
        appended += count;
      }
    }),
  );
  await settle();
  return appended / ((performance.now() - started) / 1000);
}

/**
 * Ours: batches go through `appendInTransaction` in a transaction of their own caller, single
 * leaves through `append` (which groups concurrent calls); measured until a signed head covers
 * every leaf.
 */
function oursRunner(
  scratch: ScratchLog,
  shape: Shape,
  take: (count: number) => SignedLeaf[] | undefined,
) {
  let size = 0;
  const appendOnce = async () => {
    const leaves = take(shape.leavesPerCall);
    if (!leaves) return 0;
    const indices =
      shape.leavesPerCall === 1
        ? await scratch.log.append(leaves)
        : await scratch.database.db.transaction((tx) =>
            scratch.log.appendInTransaction(tx, leaves),
          );
    size = Math.max(size, (indices.at(-1) ?? 0) + 1);
    return leaves.length;
  };
  const settle = async () => {
    await scratch.log.awaitHeadCovering(size);
  };
  return (seconds: number) => measure(shape, seconds, appendOnce, settle);
}

/** Baseline: the same leaf bytes, plain INSERTs into a bare table, same calls and concurrency. */
function baselineRunner(
  pool: Pool,
  table: string,
  shape: Shape,
  take: (count: number) => Uint8Array[] | undefined,
) {
  let nextIndex = 0;
  const appendOnce = async () => {
    const leaves = take(shape.leavesPerCall);
    if (!leaves) return 0;
    const values = leaves.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(", ");
    const params = leaves.flatMap((leaf) => [nextIndex++, leaf]);
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query(`insert into ${table} (index, leaf) values ${values}`, params);
      await client.query("commit");
    } finally {
      client.release();
    }
    return leaves.length;
  };
  return (seconds: number) => measure(shape, seconds, appendOnce, async () => {});
}

/** Measures one shape against its baseline, interleaved so drift hits both sides alike. */
async function compare(
  scratch: ScratchLog,
  name: string,
  shape: Shape,
  seconds: number,
): Promise<void> {
  const table = `bench_plain_${name.replace(/\W/g, "_")}`;
  await scratch.plain.query(
    `create table ${table} (index bigint primary key, leaf bytea not null)`,
  );
  const leaves = Array.from({ length: STOCK }, benchLeaf);
  const ours = oursRunner(scratch, shape, slicer(leaves));
  const baseline = baselineRunner(
    scratch.plain,
    table,
    shape,
    slicer(leaves.map((leaf) => canonicalJsonBytes(leaf))),
  );
  await ours(1);
  await baseline(1);
  const half = Math.max(1, seconds / 2);
  const baseline1 = await baseline(half);
  const ours1 = await ours(half);
  const baseline2 = await baseline(half);
  const ours2 = await ours(half);
  report(name, (ours1 + ours2) / 2, "appends/s", (baseline1 + baseline2) / 2);
}

/**
 * `log.append_batched` (4 transactions at once, 250 leaves each) and `log.append_concurrent`
 * (64 callers at once, one leaf each): leaves appended per second on PostgreSQL, each covered by
 * a signed head; against plain INSERTs of the same bytes into a bare table.
 */
export async function benchLogAppend(seconds: number): Promise<void> {
  const scratch = await createScratchLog();
  try {
    await compare(scratch, "log.append_batched", BATCHED, seconds);
    await compare(scratch, "log.append_concurrent", CONCURRENT, seconds);
  } finally {
    await scratch.drop();
  }
}
