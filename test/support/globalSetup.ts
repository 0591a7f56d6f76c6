import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../server/store/database";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated, closed PGlite directory that test files copy (PGlite runs). */
    pgliteTemplateDir: string;
    /** A migrated PostgreSQL database that test files clone with CREATE DATABASE ... TEMPLATE. */
    postgresTemplate: { url: string; database: string; runId: string } | null;
    /** A scratch directory removed after the run. */
    scratchDir: string;
  }
}

/**
 * Migrates one template database per test run, so each test file gets a fresh database in
 * about a second instead of running initdb and migrations again.
 */
export default async function setup(project: TestProject) {
  const scratchDir = await mkdtemp(join(tmpdir(), "relais-test-"));
  const pgliteTemplateDir = join(scratchDir, "pglite-template");
  let postgresTemplate: { url: string; database: string; runId: string } | null = null;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const pglite = await openDatabase({ kind: "pglite", dataDir: pgliteTemplateDir });
    await pglite.migrate();
    await pglite.close();
  } else {
    const runId = `${process.pid}_${Date.now()}`;
    const database = `relais_template_${runId}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    const server = await openDatabase({ kind: "postgres", url: url.toString() });
    await server.migrate();
    await server.close();
    postgresTemplate = { url: serverUrl, database, runId };
  }

  project.provide("pgliteTemplateDir", pgliteTemplateDir);
  project.provide("postgresTemplate", postgresTemplate);
  project.provide("scratchDir", scratchDir);

  return async () => {
    if (postgresTemplate && serverUrl) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like $1 or datname = $2",
        [`relais_t_${postgresTemplate.runId}_%`, postgresTemplate.database],
      );
      for (const row of rows)
        await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    }
    await rm(scratchDir, { recursive: true, force: true });
  };
}
