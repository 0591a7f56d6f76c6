import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
/** Stored in clear by design (a channel's name is metadata): the scans must find it. */
const CLEAR_CONTROL = "Central Mediterranean route: smuggling focal points";

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run demo` as a child process, as a person would. */
function runDemo(args: string[]): Promise<DemoRun> {
  const child = spawn(process.execPath, ["--import", "tsx", "demo/run.ts", ...args], {
    cwd: projectRoot,
    env: process.env,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The ways a text could sit in storage: its UTF-8 bytes, and its base64 and base64url forms at
 * each of the three alignments it can have inside a longer encoded value (only the characters
 * that depend on the text alone are kept).
 */
function encodings(text: string): string[] {
  const bytes = Buffer.from(text, "utf8");
  const forms = new Set<string>([text]);
  for (let offset = 0; offset < 3; offset++) {
    const aligned = Buffer.concat([Buffer.alloc(offset), bytes]);
    const whole = Math.floor(aligned.length / 3) * 4;
    const base64 = aligned.toString("base64").slice(offset === 0 ? 0 : 4, whole);
    forms.add(base64);
    forms.add(base64.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return [...forms];
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Every file under `dir` containing one of `needles` (as bytes), with the needle found. */
async function filesContaining(dir: string, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of await filesUnder(dir)) {
    const bytes = await readFile(file);
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle, "utf8"))) found.push(`${file}: ${needle}`);
    }
  }
  return found;
}

/** Every row of every user table, as PostgreSQL's text form of the whole row. */
async function allRows(db: PGlite): Promise<{ table: string; row: string }[]> {
  const tables = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const rows: { table: string; row: string }[] = [];
  for (const { schema, name } of tables.rows) {
    const table = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
    const result = await db.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
    for (const { row } of result.rows) rows.push({ table, row });
  }
  return rows;
}

let dataDir: string;
let canary: string;
let run: DemoRun;

beforeAll(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), "relais-demo-test-")), "hub");
  canary = `canary-${randomBytes(18).toString("base64url")}`;
  run = await runDemo(["--data", dataDir, "--canary", canary]);
}, 180_000);

afterAll(async () => {
  if (dataDir) await rm(join(dataDir, ".."), { recursive: true, force: true });
});

describe("npm run demo", () => {
  it("verifies all seventeen steps, one line each, and exits 0", () => {
    expect(run.stderr).toBe("");
    const lines = run.stdout.trim().split("\n");
    const steps = lines.filter((line) => /^ok +\d+\/17 /.test(line));
    expect(steps).toHaveLength(17);
    expect(steps[2]).toContain("six focal points enrolled in four countries");
    expect(steps[8]).toContain("MLA request sent from Italy to Niger");
    expect(steps[9]).toContain("acknowledged, in execution, executed");
    expect(steps[10]).toContain("alert issued to the four countries");
    expect(lines.at(-1)).toMatch(/^Relais demo passed: 17\/17 steps verified/);
    expect(run.code).toBe(0);
  });

  it("removes the client state and keeps the hub's files in the data directory", async () => {
    const clientDir = /client state in (\S+)/.exec(run.stdout)?.[1];
    expect(clientDir).toBeDefined();
    expect(existsSync(clientDir ?? "")).toBe(false);
    expect((await readdir(dataDir)).sort()).toEqual([
      "hub.log",
      "log-key.json",
      "pglite",
      "secret.key",
    ]);
    expect((await readFile(join(dataDir, "hub.log"), "utf8")).split("\n").length).toBeGreaterThan(
      50,
    );
  });

  it("refuses a run without a canary, with usage, and exit code 2", async () => {
    const refused = await runDemo(["--data", join(dataDir, "..", "unused")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--canary");
  });
});

describe("the hub never held the canary in clear", () => {
  it("is in no file of the data directory: database files, key files, hub.log", async () => {
    const everything = await filesUnder(dataDir);
    expect(everything.length).toBeGreaterThan(10);
    expect(await filesContaining(dataDir, encodings(canary))).toEqual([]);
    // Control: the same scan finds what the hub does store in clear.
    expect((await filesContaining(dataDir, [CLEAR_CONTROL])).length).toBeGreaterThan(0);
  });

  it("is in no row of any table of the database", async () => {
    const db = await PGlite.create(join(dataDir, "pglite"));
    try {
      const rows = await allRows(db);
      const needles = [...encodings(canary), Buffer.from(canary, "utf8").toString("hex")];
      const leaks = rows.filter(({ row }) => needles.some((needle) => row.includes(needle)));
      expect(leaks.map((leak) => leak.table)).toEqual([]);
      // Control: the scan reaches the messages and finds the clear channel name.
      const messages = rows.filter(({ table }) => table === `"public"."messages"`);
      expect(messages.length).toBeGreaterThan(200);
      expect(rows.some(({ row }) => row.includes(CLEAR_CONTROL))).toBe(true);
    } finally {
      await db.close();
    }
  });
});
