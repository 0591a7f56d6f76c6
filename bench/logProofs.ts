import { toBase64Url } from "#shared/encoding";
import { extendFrontier, frontierRoot } from "../server/log/frontier";
import { insertLogAppend, type LogFrontier } from "../server/store/log";
import { BENCH_SIGNATURE, createScratchLog, percentile, type ScratchLog } from "./logScratch";
import { report } from "./report";

/** Tree size the proofs are measured at. */
const LEAVES = 1_000_000;
/** Leaves generated, then node hashes computed, per statement while loading. */
const LOAD_CHUNK = 100_000;
/** Proofs measured of each kind. */
const SAMPLES = 2_000;

function randomBelow(n: number): number {
  return Math.floor(Math.random() * n);
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/**
 * Loads `count` leaves in bulk: the server generates canonical JSON `role-granted` leaves and
 * their RFC 9162 leaf hashes (`sha256(0x00 || leaf)`), then the perfect-subtree hashes are
 * computed by the log's own {@link extendFrontier} and stored as an append stores them. The
 * append path would take minutes for a million leaves; the stored tree is the same.
 */
async function bulkLoad(scratch: ScratchLog, count: number): Promise<void> {
  const at = new Date().toISOString();
  for (let start = 0; start < count; start += LOAD_CHUNK) {
    await scratch.plain.query(
      `insert into log_leaves ("index", leaf, leaf_hash, entry_type)
       select i, leaf, sha256('\\x00'::bytea || leaf), 'role-granted'
       from (
         select i, convert_to(format(
           '{"entry":{"at":"%s","country":"NE","personId":"%s","role":"focal_point",'
           '"type":"role-granted","username":"member.%s","v":1},"signature":"%s","signer":"%s","v":1}',
           $3::text, gen_random_uuid(), i, $4::text, gen_random_uuid()), 'UTF8') as leaf
         from generate_series($1::bigint, $2::bigint) as i
       ) as generated`,
      [start, Math.min(start + LOAD_CHUNK, count) - 1, at, BENCH_SIGNATURE],
    );
  }
  let frontier: LogFrontier = { size: 0, peaks: [] };
  for (let start = 0; start < count; start += LOAD_CHUNK) {
    const { rows } = await scratch.plain.query<{ leaf_hash: Buffer }>(
      `select leaf_hash from log_leaves where "index" >= $1 and "index" < $2 order by "index"`,
      [start, start + LOAD_CHUNK],
    );
    const extended = extendFrontier(
      frontier,
      rows.map((row) => new Uint8Array(row.leaf_hash)),
    );
    await insertLogAppend(scratch.database.db, [], extended.nodes);
    frontier = extended;
  }
  const head = await scratch.log.ensureCurrentHead();
  if (head.treeSize !== count || head.rootHash !== toBase64Url(frontierRoot(frontier))) {
    throw new Error("the bulk-loaded tree does not match its signed head");
  }
  await scratch.plain.query("analyze");
}

/**
 * `log.proof_p99`: p99 in ms of one inclusion or consistency proof (half at the full size, half
 * at random sizes) in a log of 1,000,000 leaves, each one query for O(log n) stored hashes;
 * against the p99 of one primary-key read of a leaf hash.
 */
export async function benchLogProofs(): Promise<void> {
  const scratch = await createScratchLog();
  try {
    const loadStarted = performance.now();
    await bulkLoad(scratch, LEAVES);
    const loadMs = Math.round(performance.now() - loadStarted);
    process.stderr.write(`log.proof_p99: loaded ${LEAVES} leaves in ${loadMs} ms\n`);

    const inclusion = () => {
      const treeSize = Math.random() < 0.5 ? LEAVES : 1 + randomBelow(LEAVES);
      return scratch.log.inclusionProof(randomBelow(treeSize), treeSize);
    };
    const consistency = () => {
      const to = Math.random() < 0.5 ? LEAVES : 1 + randomBelow(LEAVES);
      return scratch.log.consistencyProof(1 + randomBelow(to), to);
    };
    const pointRead = () =>
      scratch.plain.query('select leaf_hash from log_leaves where "index" = $1', [
        randomBelow(LEAVES),
      ]);
    for (let i = 0; i < 200; i++) {
      await inclusion();
      await consistency();
      await pointRead();
    }
    const proofMs: number[] = [];
    const readMs: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      proofMs.push(await timed(inclusion));
      proofMs.push(await timed(consistency));
      readMs.push(await timed(pointRead));
    }
    report("log.proof_p99", percentile(proofMs, 99), "ms", percentile(readMs, 99));
  } finally {
    await scratch.drop();
  }
}
