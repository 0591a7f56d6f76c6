import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubError } from "#client/core/errors";
import { createContactVerificationJob } from "../../server/jobs/contactVerification";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestNetwork } from "../support/network";
import { at, createTestRegister, relogin, type TestRegister } from "./registerFixtures";

const DAY = 86_400_000;
const clock = createTestClock(new Date("2030-03-02T08:00:00Z"));
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
}, 180_000);
afterAll(async () => {
  await testHub?.destroy();
});

const titles = (posts: { title: string }[]) => posts.map((post) => post.title).sort();

describe("the directory", () => {
  it("filters posts by country, organisation, thematic area, language and vacancy", async () => {
    const directory = network.focalPointSN.client.register;
    expect(titles(await directory.posts({ country: "NE" }))).toEqual([
      "Niger, smuggling focal point",
      "Niger, trafficking focal point",
    ]);
    expect(titles(await directory.posts({ organisationId: register.agencySN.id }))).toEqual([
      "Senegal, trafficking focal point",
    ]);
    expect(titles(await directory.posts({ thematicArea: "trafficking_in_human_beings" }))).toEqual([
      "Niger, trafficking focal point",
      "Senegal, trafficking focal point",
    ]);
    expect(titles(await directory.posts({ language: "wo" }))).toEqual([
      "Senegal, trafficking focal point",
    ]);
    expect(titles(await directory.posts({ language: "ha", country: "SN" }))).toEqual([]);
    expect(titles(await directory.posts({ vacant: true }))).toEqual([
      "Niger, trafficking focal point",
    ]);
    expect(await directory.posts({ vacant: false })).toHaveLength(2);
  });

  it("shows everyone signed in the current holder's name and the office channels", async () => {
    const post = await network.auditor.client.register.post(register.smugglingNE.id);
    expect(post.holder).toMatchObject({
      personId: network.focalPointNE.person.id,
      displayName: network.focalPointNE.person.displayName,
      role: "holder",
    });
    expect(post.contactChannels.map((channel) => channel.kind)).toEqual([
      "phone",
      "email",
      "secure_messaging",
      "address",
    ]);
    expect(post).not.toHaveProperty("username");
    const vacant = await network.focalPointSN.client.register.post(register.traffickingNE.id);
    expect(vacant).toMatchObject({ vacant: true, holder: null });
    expect(vacant.deputyPostId).toBe(register.smugglingNE.id);
  });

  it("lists the countries with their organisations and posts", async () => {
    const countries = await network.focalPointNE.client.register.countries();
    expect(countries).toEqual([
      { code: "NE", name: "Niger", organisations: 1, posts: 2 },
      { code: "SN", name: "Senegal", organisations: 1, posts: 1 },
    ]);
  });

  it("validates countries, languages, time zones and contact channels", async () => {
    const coordinator = network.coordinatorNE.client.register;
    await expect(
      coordinator.createOrganisation({ country: "QQ", name: "Nowhere", kind: "police" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const invalid = coordinator.createPost(
      {
        organisationId: register.policeNE.id,
        country: "NE",
        title: "Niger, invalid post",
        thematicAreas: ["liaison"],
        workingLanguages: ["xx"],
        contactChannels: [{ kind: "phone", value: "0020 call me" }],
        timeZone: "Africa/Atlantis",
      },
      network.coordinatorNE.keys,
      at(clock),
    );
    const error = await invalid.then(
      () => undefined,
      (caught: HubError) => caught,
    );
    expect(error).toMatchObject({ code: "validation_failed" });
    expect(error?.issues?.map((issue) => issue.path)).toEqual([
      "body.workingLanguages.0",
      "body.contactChannels.0.value",
      "body.timeZone",
    ]);
  });
});

describe("who sees what", () => {
  it("shows a focal point the history of their own post only", async () => {
    const fp = network.focalPointNE.client.register;
    const own = await fp.history(register.smugglingNE.id);
    expect(own.assignments[0]?.person.id).toBe(network.focalPointNE.person.id);
    expect(own.assignments[0]?.decidedBy.personId).toBe(network.coordinatorNE.person.id);
    for (const other of [register.traffickingSN.id, register.traffickingNE.id]) {
      await expect(fp.history(other)).rejects.toMatchObject({ code: "forbidden" });
      await expect(fp.holdersOn(other)).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("shows coordinators the history of their own country, auditors and administrators all", async () => {
    const coordinatorNE = network.coordinatorNE.client.register;
    await expect(coordinatorNE.history(register.traffickingNE.id)).resolves.toBeDefined();
    await expect(coordinatorNE.history(register.traffickingSN.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    for (const reader of [network.auditor, network.admin]) {
      const history = await reader.client.register.history(register.traffickingSN.id);
      expect(history.assignments).toHaveLength(1);
    }
  });

  it("lets coordinators, administrators and auditors search persons, within their scope", async () => {
    const found = await network.coordinatorNE.client.register.searchPersons("smuggling");
    expect(found.map((person) => person.username)).toEqual(["ne.smuggling.fp"]);
    const everyone = await network.coordinatorNE.client.register.searchPersons();
    expect(everyone.every((person) => person.country === "NE")).toBe(true);
    const trafficking = await network.admin.client.register.searchPersons("TRAFFICKING");
    expect(trafficking.map((person) => person.username)).toEqual(["sn.trafficking.fp"]);
    expect(await network.auditor.client.register.searchPersons("%")).toEqual([]);
    await expect(network.focalPointNE.client.register.searchPersons("sn")).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("lets nobody but the country's authority change its register", async () => {
    const { focalPointNE, coordinatorSN, auditor } = network;
    const assignment = {
      personId: focalPointNE.person.id,
      role: "deputy" as const,
      reason: "Cover",
    };
    for (const member of [focalPointNE, coordinatorSN]) {
      await expect(
        member.client.register.assign(
          register.traffickingNE.id,
          assignment,
          member.keys,
          at(clock),
        ),
      ).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(
      auditor.client.register.createOrganisation({ country: "NE", name: "x", kind: "ngo" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      coordinatorSN.client.register.createOrganisation({ country: "NE", name: "x", kind: "ngo" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      coordinatorSN.client.register.updateOrganisation(register.policeNE.id, { name: "x" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      auditor.client.register.confirmPost(register.smugglingNE.id),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      network.focalPointSN.client.register.confirmPost(register.smugglingNE.id),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("contact verification", () => {
  it("flags a post stale after 90 days and reminds its holder and its coordinator, once", async () => {
    const job = createContactVerificationJob(testHub.hub.context);
    const early = await job.runOnce(clock.now());
    expect(early.stalePosts).toBe(0);
    clock.advance(91 * DAY);
    const first = await job.runOnce(clock.now());
    expect(first.stalePosts).toBe(3);
    expect(first.vacantPosts).toBe(1);
    expect((await job.runOnce(clock.now())).remindersRecorded).toBe(0);

    const fp = await relogin(network.focalPointNE);
    const coordinator = await relogin(network.coordinatorNE);
    expect((await fp.register.posts({ stale: true })).map((post) => post.id)).toContain(
      register.smugglingNE.id,
    );
    const mine = await fp.register.reminders();
    expect(mine.map((reminder) => [reminder.kind, reminder.postId])).toEqual([
      ["stale_post", register.smugglingNE.id],
    ]);
    const coordinatorReminders = await coordinator.register.reminders();
    expect(coordinatorReminders.map((r) => `${r.kind} ${r.postTitle}`).sort()).toEqual([
      "stale_post Niger, smuggling focal point",
      "stale_post Niger, trafficking focal point",
      "vacant_post Niger, trafficking focal point",
    ]);
    const sn = await relogin(network.coordinatorSN);
    expect((await sn.register.reminders()).map((r) => r.country)).toEqual(["SN"]);
  });

  it("clears the flag and the reminders when the holder confirms", async () => {
    const fp = await relogin(network.focalPointNE);
    const before = clock.now().getTime();
    const confirmed = await fp.register.confirmPost(register.smugglingNE.id);
    expect(confirmed.stale).toBe(false);
    expect(Date.parse(confirmed.confirmedAt ?? "")).toBeGreaterThanOrEqual(before);
    expect(await fp.register.reminders()).toEqual([]);
    const all = await fp.register.reminders({ includeResolved: true });
    expect(all[0]?.resolvedAt).not.toBeNull();
    const stale = await fp.register.posts({ stale: true });
    expect(stale.map((post) => post.id)).not.toContain(register.smugglingNE.id);
  });

  it("clears the vacant flag when the post is filled", async () => {
    const coordinator = await relogin(network.coordinatorNE);
    await coordinator.register.assign(
      register.traffickingNE.id,
      { personId: network.focalPointNE.person.id, role: "interim", reason: "Until a holder comes" },
      network.coordinatorNE.keys,
      at(clock),
    );
    const post = await coordinator.register.post(register.traffickingNE.id);
    expect(post).toMatchObject({ vacant: false, holder: { role: "interim" } });
    const open = await coordinator.register.reminders();
    expect(open.map((reminder) => reminder.kind)).not.toContain("vacant_post");
    await expect(
      coordinator.register.assign(
        register.traffickingNE.id,
        { personId: network.coordinatorNE.person.id, role: "interim", reason: "Twice" },
        network.coordinatorNE.keys,
        at(clock),
      ),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});
