import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ready } from "#client/core/crypto/index";
import { writeKeyFile } from "#client/core/keyFile";
import { type CliRun, runCli } from "../support/cli";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestMember, type TestNetwork, totpAt } from "../support/network";
import { createTestRegister, type TestRegister } from "./registerFixtures";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
// The CLI signs alert actions with the real time, which the hub accepts within five minutes of
// its own clock: the setup's TOTP steps move the hub clock forward from well before now, and the
// clock is then set just ahead of the real time (forward only, so no assignment is undone).
const clock = createTestClock(new Date(Date.now() - 20 * 60_000));
const passphrase = "a passphrase for the focal point's laptop";
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let workDir: string;
let passphraseFile: string;
/** Profile directories: the two focal points, and a coordinator who is in no channel. */
let homes: { ne: string; sn: string; outsider: string };
let alertId: string;

/** Runs `relais --home HOME ...args` as a user would. */
function relais(home: string, args: string[]): Promise<CliRun> {
  return runCli(["--home", home, ...args]);
}

/** `relais` with the passphrase file, for the commands that unlock the device keys. */
function unlocked(home: string, args: string[]): Promise<CliRun> {
  return relais(home, [...args, "--passphrase-file", passphraseFile]);
}

/** Runs a command that must succeed and returns its stdout. */
async function succeed(run: Promise<CliRun>): Promise<string> {
  const done = await run;
  expect(done.stderr).not.toMatch(/^relais: /m);
  expect(done.exitCode).toBe(0);
  return done.stdout;
}

/** A profile for `member`: the device key file, then `relais login` as the person would. */
async function profileFor(member: TestMember, name: string): Promise<string> {
  const home = join(workDir, name);
  const passwordFile = join(workDir, `${name}.password`);
  await writeFile(passwordFile, `${member.password}\n`, { mode: 0o600 });
  const meta = {
    hubUrl: testHub.url,
    deviceId: member.deviceId,
    userId: member.person.id,
    username: member.username,
  };
  await writeKeyFile(join(home, "device.key"), member.keys, passphrase, meta, {
    strength: "interactive",
  });
  const totpCode = await totpAt(clock, member.totpSecret);
  await succeed(
    unlocked(home, ["login", "--password-file", passwordFile, "--totp-code", totpCode]),
  );
  return home;
}

beforeAll(async () => {
  await ready();
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  workDir = await mkdtemp(join(tmpdir(), "relais-alert-hub-cli-"));
  passphraseFile = join(workDir, "passphrase.txt");
  await writeFile(passphraseFile, `${passphrase}\n`, { mode: 0o600 });
  homes = {
    ne: await profileFor(network.focalPointNE, "ne"),
    sn: await profileFor(network.focalPointSN, "sn"),
    outsider: await profileFor(network.coordinatorSN, "outsider"),
  };
  const ahead = Date.now() + 60_000 - clock.now().getTime();
  if (ahead < 0) throw new Error("the setup took the hub clock past the real time");
  clock.advance(ahead);
}, 240_000);

afterAll(async () => {
  await testHub?.destroy();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const example = join(projectRoot, "docs/examples/alert-central-mediterranean.json");

describe("relais alert on the hub", { timeout: 90_000 }, () => {
  it("issues an alert from a file to a named post (new)", async () => {
    const issued = JSON.parse(
      await succeed(
        unlocked(homes.ne, [
          "--json",
          "alert",
          "new",
          "--file",
          example,
          "--to-post",
          register.traffickingSN.id,
          "--urgent",
        ]),
      ),
    );
    alertId = issued.alertId;
    expect(issued).toMatchObject({ version: 1, urgent: true, tlp: "AMBER" });
    expect(issued.recipientPostIds).toEqual([register.traffickingSN.id]);
  });

  it("lists it for the recipient and shows it decrypted (list, show)", async () => {
    expect(await succeed(unlocked(homes.sn, ["alert", "list"]))).toContain(alertId);
    const shown = await succeed(unlocked(homes.sn, ["alert", "show", alertId]));
    expect(shown).toContain("Agadez - Sebha - Zuwara network");
    expect(shown).toContain("NOT acknowledged: Senegal, trafficking focal point");
  });

  it("acknowledges and follows up (ack, follow-up)", async () => {
    expect(await succeed(unlocked(homes.sn, ["alert", "ack", alertId]))).toContain(
      `acknowledged alert ${alertId} v1`,
    );
    await succeed(
      unlocked(homes.sn, [
        "alert",
        "follow-up",
        alertId,
        "--text",
        "Which hawala office?",
        "--kind",
        "request_for_information",
      ]),
    );
    const shown = await succeed(unlocked(homes.ne, ["alert", "show", alertId]));
    expect(shown).toContain("acknowledged: Senegal, trafficking focal point");
    expect(shown).toContain("request_for_information");
    expect(shown).toContain("Which hawala office?");
  });

  it("exports a STIX bundle and statistics as CSV (export --stix, stats --csv)", async () => {
    const bundle = JSON.parse(
      await succeed(unlocked(homes.sn, ["alert", "export", alertId, "--stix"])),
    );
    expect(bundle.type).toBe("bundle");
    expect(bundle.objects.some((o: { type: string }) => o.type === "report")).toBe(true);
    const csv = await succeed(unlocked(homes.sn, ["alert", "stats", "--csv"]));
    expect(csv.split("\n")[0]).toContain("dimension");
    expect(csv).toContain("LY");
  });

  it("withdraws it; a later acknowledgement fails with alert_closed (withdraw)", async () => {
    await succeed(unlocked(homes.ne, ["alert", "withdraw", alertId]));
    const run = await unlocked(homes.sn, ["alert", "ack", alertId]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("alert_closed");
  });
});
