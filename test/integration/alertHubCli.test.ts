import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ready } from "#client/core/crypto/index";
import {
  type CliProfiles,
  catchUpWithRealTime,
  createCliProfiles,
  succeed,
} from "../support/cliProfiles";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestMember, type TestNetwork } from "../support/network";
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
let cli: CliProfiles;
/** Profile directories: the two focal points, and a coordinator who is in no channel. */
let homes: { ne: string; sn: string; outsider: string };
let alertId: string;

const unlocked = (home: string, args: string[]) => cli.unlocked(home, args);
const profileFor = (member: TestMember, name: string) => cli.profileFor(member, name);

beforeAll(async () => {
  await ready();
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  cli = await createCliProfiles({
    prefix: "relais-alert-hub-cli-",
    hubUrl: testHub.url,
    clock,
    passphrase,
  });
  homes = {
    ne: await profileFor(network.focalPointNE, "ne"),
    sn: await profileFor(network.focalPointSN, "sn"),
    outsider: await profileFor(network.coordinatorSN, "outsider"),
  };
  catchUpWithRealTime(clock);
}, 240_000);

afterAll(async () => {
  await testHub?.destroy();
  await cli?.remove();
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
