import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import type { Config } from "../../server/config";

/** A fresh database for one test file, and how to throw it away. */
export interface TestDatabase {
  readonly database: Config["database"];
  /** The data directory the hub uses for its own files (keys), fresh per database. */
  readonly dataDir: string;
  drop(): Promise<void>;
}

/** Which database this run targets: PGlite, or the server named by TEST_DATABASE_URL. */
export function testDatabaseKind(): Config["database"]["kind"] {
  return inject("postgresTemplate") ? "postgres" : "pglite";
}

/** Clones the run's migrated template: a PGlite directory copy or a PostgreSQL TEMPLATE clone. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(inject("scratchDir"), "hub-"));
  const template = inject("postgresTemplate");
  if (!template) {
    const pgliteDir = join(dataDir, "pglite");
    await cp(inject("pgliteTemplateDir"), pgliteDir, { recursive: true });
    return {
      database: { kind: "pglite", dataDir: pgliteDir },
      dataDir,
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `relais_t_${template.runId}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template.database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(template.url);
  url.pathname = `/${name}`;
  return {
    database: { kind: "postgres", url: url.toString() },
    dataDir,
    async drop() {
      const client = new pg.Client({ connectionString: template.url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
