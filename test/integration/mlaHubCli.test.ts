import { readFile, writeFile } from "node:fs/promises";
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
// The CLI signs transitions with the real time, which the hub accepts within five minutes of
// its own clock: the setup's TOTP steps move the hub clock forward from well before now, and the
// clock is then set just ahead of the real time (as in alertHubCli.test.ts).
const clock = createTestClock(new Date(Date.now() - 20 * 60_000));
const passphrase = "a passphrase for the prosecutor's laptop";
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let cli: CliProfiles;
let workDir: string;
let homes: { ne: string; sn: string };
let requestFile: string;
let requestId: string;

const unlocked = (home: string, args: string[]) => cli.unlocked(home, args);
const profileFor = (member: TestMember, name: string) => cli.profileFor(member, name);

beforeAll(async () => {
  await ready();
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  cli = await createCliProfiles({
    prefix: "relais-mla-hub-cli-",
    hubUrl: testHub.url,
    clock,
    passphrase,
  });
  workDir = cli.workDir;
  homes = {
    ne: await profileFor(network.focalPointNE, "ne"),
    sn: await profileFor(network.focalPointSN, "sn"),
  };
  const request = JSON.parse(
    await readFile(join(projectRoot, "docs/examples/mla-italy-niger-hawala.json"), "utf8"),
  );
  requestId = crypto.randomUUID();
  Object.assign(request, {
    requestId,
    deadline: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    alertIds: [],
  });
  Object.assign(request.requestingAuthority, { postId: register.smugglingNE.id, country: "NE" });
  Object.assign(request.requestedAuthority, { postId: register.traffickingSN.id, country: "SN" });
  requestFile = join(workDir, "request.json");
  await writeFile(requestFile, JSON.stringify(request));
  catchUpWithRealTime(clock);
}, 240_000);

afterAll(async () => {
  await testHub?.destroy();
  await cli?.remove();
});

describe("relais mla on the hub", { timeout: 90_000 }, () => {
  it("refuses to send an incomplete request, listing the findings (send)", async () => {
    const incomplete = join(workDir, "incomplete.json");
    const request = JSON.parse(await readFile(requestFile, "utf8"));
    await writeFile(
      incomplete,
      JSON.stringify({ ...request, requestId: crypto.randomUUID(), facts: "" }),
    );
    const run = await unlocked(homes.ne, ["mla", "send", incomplete]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("request_incomplete");
    expect(run.stderr).toContain("facts:");
  });

  it("sends a request from a file (send)", async () => {
    const sent = JSON.parse(
      await succeed(unlocked(homes.ne, ["--json", "mla", "send", requestFile])),
    );
    expect(sent).toMatchObject({ requestId, status: "sent", requestedCountry: "SN" });
  });

  it("lists it on the requested side and shows it decrypted (list, show)", async () => {
    expect(await succeed(unlocked(homes.sn, ["mla", "list"]))).toContain(`${requestId} NE -> SN`);
    const shown = await succeed(unlocked(homes.sn, ["mla", "show", requestId]));
    expect(shown).toContain("Procura della Repubblica di Palermo");
    expect(shown).toContain("facts: ");
  });

  it("moves it and shows the history on the requesting side (transition, status)", async () => {
    expect(
      await succeed(unlocked(homes.sn, ["mla", "transition", requestId, "acknowledge"])),
    ).toContain("is now acknowledged");
    await succeed(
      unlocked(homes.sn, [
        "mla",
        "transition",
        requestId,
        "request_information",
        "--note",
        "Which branch holds the account?",
      ]),
    );
    const status = await succeed(unlocked(homes.ne, ["mla", "status", requestId]));
    expect(status).toContain("awaiting information");
    expect(status).toMatch(/requesting .*: draft -> sent/);
    expect(status).toMatch(/requested .*: sent -> acknowledged/);
    expect(status).toContain("next for the requesting side: withdraw, provide_information");
    const shown = await succeed(unlocked(homes.ne, ["mla", "show", requestId]));
    expect(shown).toContain("message (request_information): Which branch holds the account?");
  });

  it("fails with the hub's code on an invalid transition (transition)", async () => {
    const wrongSide = await unlocked(homes.ne, ["mla", "transition", requestId, "start_execution"]);
    expect(wrongSide.exitCode).toBe(1);
    expect(wrongSide.stderr).toContain("wrong_side");
    await succeed(
      unlocked(homes.sn, [
        "mla",
        "transition",
        requestId,
        "refuse",
        "--grounds",
        "no_dual_criminality",
      ]),
    );
    const closed = await unlocked(homes.ne, ["mla", "transition", requestId, "withdraw"]);
    expect(closed.exitCode).toBe(1);
    expect(closed.stderr).toContain("request_closed");
  });
});
