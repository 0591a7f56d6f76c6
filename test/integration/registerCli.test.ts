import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ready } from "#client/core/crypto/index";
import { writeKeyFile } from "#client/core/keyFile";
import type { OrganisationView, PostView } from "#client/core/registerClient";
import { type CliRun, runCli } from "../support/cli";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import {
  bootstrapAdministrator,
  enrolMember,
  TEST_PASSWORD,
  type TestMember,
  totpAt,
} from "../support/network";
import { at, nigerSmugglingChannels } from "./registerFixtures";

// The CLI runs in a child process and signs with the real time, which the hub accepts within five
// minutes of its own clock: the setup's TOTP steps move the hub clock forward from a bit earlier.
const clock = createTestClock(new Date(Date.now() - 5 * 60_000));
const passphrase = "the coordinator's laptop passphrase";
let testHub: TestHub;
let workDir: string;
let home: string;
let passphraseFile: string;
let coordinator: TestMember;
let holder: TestMember;
let successor: TestMember;
let police: OrganisationView;
let smuggling: PostView;
let trafficking: PostView;

/** Runs `node client/cli/bin.js ...args` as a user would (the hub runs in this process). */
function relais(args: string[]): Promise<CliRun> {
  return runCli(["--home", home, ...args]);
}

/** Runs a command that must succeed and returns its stdout. */
async function succeed(args: string[]): Promise<string> {
  const run = await relais(args);
  expect(run.stderr).not.toMatch(/^relais: /m);
  expect(run.exitCode).toBe(0);
  return run.stdout;
}

beforeAll(async () => {
  await ready();
  testHub = await startTestHub({ now: clock.now });
  const admin = await bootstrapAdministrator(testHub, clock);
  coordinator = await enrolMember(testHub, clock, admin, {
    username: "ne.coordinator",
    displayName: "Ibrahim Maïga",
    role: "coordinator",
    country: "NE",
  });
  holder = await enrolMember(testHub, clock, coordinator, {
    username: "ne.smuggling.fp",
    displayName: "Aïcha Oumarou",
    role: "focal_point",
    country: "NE",
  });
  successor = await enrolMember(testHub, clock, coordinator, {
    username: "ne.smuggling.fp2",
    displayName: "Moussa Abdou",
    role: "focal_point",
    country: "NE",
  });
  const register = coordinator.client.register;
  police = await register.createOrganisation({
    country: "NE",
    name: "Police nationale, Direction de la surveillance du territoire",
    kind: "police",
  });
  smuggling = await register.createPost(
    {
      organisationId: police.id,
      country: "NE",
      title: "Niger, smuggling focal point",
      thematicAreas: ["smuggling_of_migrants", "liaison"],
      workingLanguages: ["fr", "ha"],
      contactChannels: nigerSmugglingChannels,
      timeZone: "Africa/Niamey",
    },
    coordinator.keys,
    at(clock),
  );
  trafficking = await register.createPost(
    {
      organisationId: police.id,
      country: "NE",
      title: "Niger, trafficking focal point",
      thematicAreas: ["trafficking_in_human_beings"],
      workingLanguages: ["fr"],
      contactChannels: [{ kind: "phone", value: "+22720720001" }],
      timeZone: "Africa/Niamey",
    },
    coordinator.keys,
    at(clock),
  );
  await register.assign(
    smuggling.id,
    { personId: holder.person.id, role: "holder", reason: "Designated by the coordinator" },
    coordinator.keys,
    at(clock),
  );

  workDir = await mkdtemp(join(tmpdir(), "relais-register-cli-"));
  home = join(workDir, "coordinator");
  passphraseFile = join(workDir, "passphrase.txt");
  const passwordFile = join(workDir, "password.txt");
  await writeFile(passphraseFile, `${passphrase}\n`, { mode: 0o600 });
  await writeFile(passwordFile, `${TEST_PASSWORD}\n`, { mode: 0o600 });
  await writeKeyFile(
    join(home, "device.key"),
    coordinator.keys,
    passphrase,
    {
      hubUrl: testHub.url,
      deviceId: coordinator.deviceId,
      userId: coordinator.person.id,
      username: coordinator.username,
    },
    { strength: "interactive" },
  );
  const totpCode = await totpAt(clock, coordinator.totpSecret);
  await succeed([
    "login",
    "--password-file",
    passwordFile,
    "--passphrase-file",
    passphraseFile,
    "--totp-code",
    totpCode,
  ]);
  // The CLI's signed times (a handover completes at its `at`) must be in the hub's past, or the
  // directory would still show the predecessor: set the hub a minute ahead of the real time.
  clock.advance(Date.now() + 60_000 - clock.now().getTime());
}, 180_000);
afterAll(async () => {
  await testHub?.destroy();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("relais roster", { timeout: 60_000 }, () => {
  it("lists every post with its country, organisation, holder and flags", async () => {
    const lines = (await succeed(["roster"])).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const held = lines.find((line) => line.includes("Niger, smuggling focal point"));
    expect(held).toContain("NE");
    expect(held).toContain(police.name);
    expect(held).toContain("Aïcha Oumarou");
    expect(held).not.toContain("VACANT");
    const vacant = lines.find((line) => line.includes("Niger, trafficking focal point"));
    expect(vacant).toContain("VACANT");
    expect(await succeed(["roster", "list"])).toBe(lines.join("\n").concat("\n"));
  });

  it("filters by vacancy, thematic area, language, organisation and country", async () => {
    const vacant = await succeed(["roster", "list", "--vacant"]);
    expect(vacant).toContain(trafficking.id);
    expect(vacant).not.toContain(smuggling.id);
    const area = await succeed(["roster", "list", "--area", "smuggling_of_migrants"]);
    expect(area).toContain(smuggling.id);
    expect(area).not.toContain(trafficking.id);
    const hausa = await succeed(["roster", "list", "--language", "ha", "--country", "ne"]);
    expect(hausa.trimEnd().split("\n")).toEqual([expect.stringContaining(smuggling.id)]);
    const organisation = await succeed(["roster", "list", "--organisation", police.id]);
    expect(organisation.trimEnd().split("\n")).toHaveLength(2);
    expect(await succeed(["roster", "list", "--country", "SN"])).toBe("No post matches.\n");
  });

  it("prints the directory entries as JSON with --json", async () => {
    const json = JSON.parse(await succeed(["--json", "roster", "list", "--vacant"])) as {
      posts: PostView[];
    };
    expect(json.posts.map((post) => post.id)).toEqual([trafficking.id]);
    expect(json.posts[0]).toMatchObject({ vacant: true, holder: null, country: "NE" });
  });

  it("exports CSV and vCard to stdout and JSON to a file, with the same filters", async () => {
    const csv = await succeed(["roster", "export", "--format", "csv"]);
    expect(csv).toContain("Niger, smuggling focal point");
    expect(csv).toContain("Niger, trafficking focal point");
    const vcard = await succeed(["roster", "export", "--format", "vcard", "--area", "liaison"]);
    expect(vcard).toContain("BEGIN:VCARD");
    expect(vcard).toContain("traffic.migrants@police.ne");
    expect(vcard).not.toContain("+22720720001");
    const file = join(workDir, "roster.json");
    const run = await relais(["roster", "export", "--format", "json", "--vacant", "--out", file]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("");
    const exported = JSON.parse(await readFile(file, "utf8")) as { v: number; posts: PostView[] };
    expect(exported.v).toBe(1);
    expect(exported.posts.map((post) => post.id)).toEqual([trafficking.id]);
  });

  it("rejects a missing export format and a malformed country as usage errors (exit 2)", async () => {
    const noFormat = await relais(["roster", "export"]);
    expect(noFormat.exitCode).toBe(2);
    expect(noFormat.stderr).toMatch(/^relais: usage: .*--format/m);
    const badCountry = await relais(["roster", "list", "--country", "Niger"]);
    expect(badCountry.exitCode).toBe(2);
    const badArea = await relais(["roster", "list", "--area", "piracy"]);
    expect(badArea.exitCode).toBe(2);
  });
});

describe("relais post", { timeout: 60_000 }, () => {
  it("says who held the post on a day, and that nobody did before it existed", async () => {
    const today = clock.now().toISOString().slice(0, 10);
    const held = await succeed(["post", "holders", smuggling.id, "--on", today]);
    expect(held).toMatch(/holder {2}Aïcha Oumarou {2}reason: Designated by the coordinator/);
    const before = await succeed(["post", "holders", smuggling.id, "--on", "2001-01-01"]);
    expect(before).toBe("Nobody held the post on 2001-01-01.\n");
    const badDay = await relais(["post", "holders", smuggling.id, "--on", "2024-13-45"]);
    expect(badDay.exitCode).toBe(2);
    expect(badDay.stderr).toContain("relais: usage: --on must be a date as YYYY-MM-DD");
  });

  it("confirms the post's contacts as its country's coordinator", async () => {
    const confirmed = JSON.parse(await succeed(["--json", "post", "confirm", smuggling.id])) as {
      post: PostView;
    };
    expect(confirmed.post.confirmedAt).not.toBeNull();
    expect(confirmed.post.stale).toBe(false);
    expect(await succeed(["roster", "list", "--stale"])).not.toContain(smuggling.id);
  });
});

describe("relais handover", { timeout: 120_000 }, () => {
  const signing = () => ["--passphrase-file", passphraseFile];

  it("hands the post over through every signed step, after which the roster shows the successor", async () => {
    const started = JSON.parse(
      await succeed([
        "--json",
        "handover",
        "start",
        smuggling.id,
        "--successor",
        successor.person.id,
        "--reason",
        "End of secondment",
        ...signing(),
      ]),
    ) as { handover: { id: string; status: string; predecessorPersonId: string } };
    expect(started.handover).toMatchObject({
      status: "started",
      predecessorPersonId: holder.person.id,
    });
    const id = started.handover.id;
    expect(await succeed(["handover", "successor-enrolled", id, ...signing()])).toMatch(
      /^Successor enrolled: .* successor_enrolled /,
    );
    expect(await succeed(["handover", "keys-handed-over", id, ...signing()])).toContain(
      "keys_handed_over",
    );
    expect(await succeed(["handover", "complete", id, ...signing()])).toContain(
      "(started → successor_enrolled → keys_handed_over → completed)",
    );

    const roster = await succeed(["roster", "list", "--area", "smuggling_of_migrants"]);
    expect(roster).toContain("Moussa Abdou");
    expect(roster).not.toContain("Aïcha Oumarou");
    const history = await succeed(["post", "history", smuggling.id]);
    expect(history).toMatch(/→ \S+Z {2}holder {2}Aïcha Oumarou {2}reason: Designated/);
    expect(history).toMatch(/→ now {2}holder {2}Moussa Abdou {2}reason: End of secondment/);
    const assignments = history.slice(history.indexOf("Assignments:"));
    expect(assignments.indexOf("Aïcha Oumarou")).toBeLessThan(assignments.indexOf("Moussa Abdou"));
    expect(history).toContain(`${id}  completed`);
  });

  it("cancels a handover, leaving the post with its holder", async () => {
    const started = JSON.parse(
      await succeed([
        "--json",
        "handover",
        "start",
        smuggling.id,
        "--successor",
        holder.person.id,
        ...signing(),
      ]),
    ) as { handover: { id: string } };
    const id = started.handover.id;
    const cancelled = await succeed([
      "--json",
      "handover",
      "cancel",
      id,
      "--reason",
      "Successor not available",
      ...signing(),
    ]);
    const { handover } = JSON.parse(cancelled) as {
      handover: { status: string; steps: { note: string | null }[] };
    };
    expect(handover.status).toBe("cancelled");
    expect(handover.steps.at(-1)?.note).toBe("Successor not available");
    expect(await succeed(["roster", "list", "--area", "smuggling_of_migrants"])).toContain(
      "Moussa Abdou",
    );
    const again = await relais(["handover", "complete", id, ...signing()]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/^relais: \w+: /m);
  });

  it("requires a successor to start a handover (usage error, exit 2)", async () => {
    const run = await relais(["handover", "start", smuggling.id, ...signing()]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("relais: usage:");
    expect(run.stderr).toContain("--successor");
  });
});
