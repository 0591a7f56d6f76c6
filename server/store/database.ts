import { mkdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { count, sql } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { Config } from "../config";
import { appliedMigrations } from "./migrationsTable";
import * as schema from "./schema";

/** The Drizzle database, the same type on PGlite and on node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database with the operations the hub's lifecycle needs. */
export interface Database {
  readonly kind: Config["database"]["kind"];
  readonly db: Db;
  /** Applies pending migrations atomically; safe to call on every start and from several hubs. */
  migrate(): Promise<void>;
  /**
   * Runs one statement on its own (its own transaction), through the driver itself rather than
   * Drizzle: for the hot path of delivery only (decision 31), where Drizzle's own work was a
   * tenth of a send's time on an idle PGlite hub. Values are parameters, never spliced in.
   */
  statement<T>(text: string, values: readonly unknown[]): Promise<T[]>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  /** True when every committed migration is recorded as applied. */
  migrationsApplied(): Promise<boolean>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Serialises migrations across hub processes that share one PostgreSQL server. */
const MIGRATION_LOCK_KEY = 0x72656c61; // "rela"

async function committedMigrationCount(): Promise<number> {
  const journal = JSON.parse(await readFile(`${migrationsFolder}/meta/_journal.json`, "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

function createChecks(db: Db) {
  return {
    async ping() {
      try {
        await db.execute(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    },
    async migrationsApplied() {
      try {
        const [row] = await db.select({ applied: count() }).from(appliedMigrations);
        return (row?.applied ?? 0) >= (await committedMigrationCount());
      } catch {
        return false;
      }
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client, { schema });
  return {
    kind: "pglite",
    db,
    async statement<T>(text: string, values: readonly unknown[]) {
      return (await client.query<T>(text, [...values])).rows;
    },
    ...createChecks(db),
    async migrate() {
      // One process owns a PGlite directory, so no cross-process lock is needed;
      // Drizzle applies all pending migrations in one transaction.
      await migratePglite(db, { migrationsFolder });
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A pooled connection the server ends (a restart, an administrator, a dropped database) is
  // discarded by the pool and the next query opens another; unhandled, the error would end the
  // process. Readiness (/readyz) reports a database that stays unreachable.
  pool.on("error", () => undefined);
  const db = drizzlePostgres(pool, { schema });
  return {
    kind: "postgres",
    db,
    async statement<T>(text: string, values: readonly unknown[]) {
      return (await pool.query(text, [...values])).rows as T[];
    },
    ...createChecks(db),
    async migrate() {
      const lockClient = await pool.connect();
      try {
        await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        await migratePostgres(db, { migrationsFolder });
      } finally {
        await lockClient
          .query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY])
          .catch(() => {});
        lockClient.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Opens the configured database: PGlite in the data directory, or a PostgreSQL server. */
export function openDatabase(database: Config["database"]): Promise<Database> {
  return database.kind === "pglite" ? openPglite(database.dataDir) : openPostgres(database.url);
}
