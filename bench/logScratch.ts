import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { SignedLeaf } from "#shared/log/entries";
import { createTransparencyLog, loadLogKey, type TransparencyLog } from "../server/log/index";
import { createLogger } from "../server/logger";
import { type Database, openDatabase } from "../server/store/database";

/** The PostgreSQL server the log benchmarks use; a scratch database is made on it per run. */
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A migrated scratch database with a log service on it, dropped by `drop()`. */
export interface ScratchLog {
  readonly database: Database;
  readonly log: TransparencyLog;
  /** A second connection pool for the baseline's plain inserts. */
  readonly plain: pg.Pool;
  drop(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** Creates and migrates a scratch database, and starts a log service with a fresh key. */
export async function createScratchLog(): Promise<ScratchLog> {
  const name = `relais_bench_log_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const keyDir = await mkdtemp(join(tmpdir(), "relais-bench-log-"));
  const database = await openDatabase({ kind: "postgres", url: url.toString() });
  await database.migrate();
  const log = createTransparencyLog(database.db, {
    key: await loadLogKey(join(keyDir, "log-key.json")),
    now: () => new Date(),
    logger: createLogger("warn"),
  });
  await log.ensureCurrentHead();
  const plain = new pg.Pool({ connectionString: url.toString(), max: 10 });
  return {
    database,
    log,
    plain,
    async drop() {
      await log.close();
      await database.close();
      await plain.end();
      await adminQuery(`drop database if exists ${name} with (force)`);
      await rm(keyDir, { recursive: true, force: true });
    },
  };
}

/** One signature for every bench leaf: the log does not check signatures, only stores them. */
export const BENCH_SIGNATURE = randomBytes(64).toString("base64url");
let leafCounter = 0;

/** A well-formed, unique leaf of realistic size (about 330 bytes of canonical JSON). */
export function benchLeaf(): SignedLeaf {
  leafCounter += 1;
  return {
    v: 1,
    entry: {
      v: 1,
      type: "role-granted",
      personId: randomUUID(),
      username: `member.${leafCounter}`,
      role: "focal_point",
      country: "NE",
      at: new Date().toISOString(),
    },
    signer: randomUUID(),
    signature: BENCH_SIGNATURE,
  };
}

/** The p-th percentile (0..100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
