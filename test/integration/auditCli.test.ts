import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveProfile, writeSession } from "#client/cli/profile";
import { ready } from "#client/core/crypto/index";
import { type MaliciousMode, serveMaliciousTwin } from "../../server/testing/maliciousMode";
import { runCli } from "../support/cli";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { bootstrapAdministrator, enrolMember, type TestMember } from "../support/network";

const clock = createTestClock();
const mode: MaliciousMode = {};
let testHub: TestHub;
let auditor: TestMember;
let evil: { url: string; close(): Promise<void> };
let workDir: string;

/** A profile directory holding `member`'s bearer session on `hubUrl`, as `relais login` leaves it. */
async function profileFor(member: TestMember, hubUrl: string, name: string): Promise<string> {
  const home = join(workDir, name);
  const { session } = await member.client.me();
  await writeSession(resolveProfile(home, {}), {
    v: 1,
    hubUrl,
    token: member.client.token ?? "",
    sessionId: session.id,
    personId: member.person.id,
    deviceId: member.deviceId,
    expiresAt: session.expiresAt,
  });
  return home;
}

beforeAll(async () => {
  await ready();
  testHub = await startTestHub({ now: clock.now });
  const admin = await bootstrapAdministrator(testHub, clock);
  auditor = await enrolMember(testHub, clock, admin, {
    username: "auditor",
    role: "auditor",
    country: null,
  });
  const coordinator = await enrolMember(testHub, clock, admin, {
    username: "ne.coordinator",
    role: "coordinator",
    country: "NE",
  });
  await enrolMember(testHub, clock, coordinator, {
    username: "ne.smuggling.fp",
    role: "focal_point",
    country: "NE",
  });
  evil = await serveMaliciousTwin(testHub.hub.context, mode);
  workDir = await mkdtemp(join(tmpdir(), "relais-audit-cli-"));
}, 120_000);
afterAll(async () => {
  await evil?.close();
  await testHub?.destroy();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("relais audit", { timeout: 120_000 }, () => {
  let home: string;
  let file: string;
  let lines: string[];

  it("exports every leaf, the signed head and the log key to a JSON Lines file", async () => {
    home = await profileFor(auditor, testHub.url, "auditor");
    file = join(workDir, "log.jsonl");
    const run = await runCli(["--home", home, "audit", "export", file]);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    lines = (await readFile(file, "utf8")).trimEnd().split("\n");
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ v: 1, format: "relais-log-export", hubUrl: testHub.url });
    expect(header.logKey.publicKey).toBe(testHub.hub.logPublicKey);
    expect(lines.length - 1).toBe(header.leafCount);
    expect(header.heads.at(-1).treeSize).toBe(header.leafCount);
    expect(JSON.parse(lines[2]!).entry.type).toBe("device-enrolled");
    expect(run.stdout).toContain(`Exported ${header.leafCount} leaves`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("verifies the export offline: roots, head and leaf signatures, chain of trust", async () => {
    const run = await runCli(["--home", home, "audit", "verify", file]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`OK: ${lines.length - 1} leaves and 1 signed head(s)`);
    expect(run.stdout).toContain("leaf signature and the chain of trust");
    const fast = await runCli(["--home", home, "audit", "verify", "--no-signatures", file]);
    expect(fast.exitCode).toBe(0);
    expect(fast.stdout).toContain("leaf signatures NOT checked");
  });

  it("exits non-zero naming the first bad index of a tampered export", async () => {
    const index = lines.length - 3;
    const tampered = [...lines];
    tampered[index + 1] = tampered[index + 1]!.replace(/"at":"(\d)/, (_all, digit: string) => {
      return `"at":"${(Number(digit) + 1) % 10}`;
    });
    expect(tampered[index + 1]).not.toBe(lines[index + 1]);
    const bad = join(workDir, "tampered.jsonl");
    await writeFile(bad, `${tampered.join("\n")}\n`);
    const run = await runCli(["--home", home, "audit", "verify", bad]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`relais: log_invalid: first bad index ${index}:`);
    const noKey = await runCli([
      "--home",
      home,
      "audit",
      "verify",
      "--log-key",
      "A".repeat(43),
      file,
    ]);
    expect(noKey.exitCode).toBe(1);
    expect(noKey.stderr).toContain("relais: log_key_mismatch:");
  });

  it("shows a detected fork loudly on every command until the alert is cleared", async () => {
    const evilHome = await profileFor(auditor, evil.url, "auditor-on-evil-hub");
    const first = await runCli(["--home", evilHome, "audit", "status", "--refresh"]);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/accepted head: size \d+/);
    expect(first.stdout).toContain("alerts:        none");
    mode.forkLog = true;
    const caught = await runCli(["--home", evilHome, "audit", "status", "--refresh"]);
    mode.forkLog = false;
    expect(caught.exitCode).toBe(1);
    expect(caught.stdout).toContain("SECURITY ALERT");
    expect(caught.stdout).toContain("inconsistent_head");
    expect(caught.stderr).toContain("relais: security_alert:");
    const anyCommand = await runCli(["--home", evilHome, "devices", "list"]);
    expect(anyCommand.exitCode).toBe(0);
    expect(anyCommand.stderr).toContain(`!!! SECURITY ALERT for ${evil.url} (inconsistent_head`);
    const cleared = await runCli(["--home", evilHome, "audit", "clear-alerts"]);
    expect(cleared.exitCode).toBe(0);
    expect(cleared.stdout).toContain("Cleared 1 alert(s)");
    const quiet = await runCli(["--home", evilHome, "audit", "status", "--refresh"]);
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stderr).not.toContain("SECURITY ALERT");
  });
});
