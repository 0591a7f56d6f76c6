import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { stixBundleErrors } from "../unit/alertStixSchemas.ts";

const central = "docs/examples/alert-central-mediterranean.json";

describe("relais alert, offline", () => {
  let home: string;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "relais-alert-cli-"));
    home = join(dir, "home");
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("validates an alert file without a hub and sums it up in one line", async () => {
    const run = await runCli(["--home", home, "alert", "validate", central]);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^valid: alert [0-9a-f-]{36} v2: Agadez - Sebha - Zuwara/);
    expect(lines[0]).toContain("TLP:AMBER");
    expect(run.stderr).toContain("victims' identities");
  });

  it("renders coded fields in the language asked for, TLP untranslated", async () => {
    const run = await runCli(["--home", home, "alert", "validate", central, "--lang", "ar"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("قارب مطاطي");
    expect(run.stdout).toContain("TLP:AMBER");
  });

  it("prints one path: message line per problem and exits 1", async () => {
    const file = join(dir, "broken.json");
    const alert = JSON.parse(await readFile(central, "utf8")) as {
      content: Record<string, unknown> & { grading: Record<string, unknown> };
    };
    alert.content.grading.sourceReliability = "D";
    alert.content.victimName = "not allowed";
    await writeFile(file, JSON.stringify(alert));
    const run = await runCli(["--home", home, "alert", "validate", file]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout.trim().split("\n").sort()).toEqual([
      'content.grading.sourceReliability: Invalid option: expected one of "A"|"B"|"C"|"X"',
      "content.victimName: unknown field",
    ]);
    expect(run.stderr).toContain("relais: invalid_alert:");
  });

  it("prints the STIX 2.1 bundle of an alert on standard output", async () => {
    const run = await runCli(["--home", home, "alert", "stix", central]);
    expect(run.exitCode).toBe(0);
    const bundle = JSON.parse(run.stdout) as { type: string; objects: { type: string }[] };
    expect(bundle.type).toBe("bundle");
    expect(stixBundleErrors(bundle)).toEqual([]);
  });

  it("refuses to export an invalid alert and says why", async () => {
    const file = join(dir, "not-json.json");
    await writeFile(file, "{ nope");
    const run = await runCli(["--home", home, "alert", "stix", file]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^\(root\): not valid JSON/);
  });

  it("fails cleanly on a file that does not exist", async () => {
    const run = await runCli(["--home", home, "alert", "validate", join(dir, "missing.json")]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("relais: file_error:");
  });
});
