import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubClient } from "#client/core/hubClient";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, enrolMember, type TestMember, type TestNetwork } from "../support/network";
import {
  at,
  createTestRegister,
  nigerSmugglingChannels,
  readLogLeaves,
  refreshed,
  relogin,
  type TestRegister,
} from "./registerFixtures";

const DAY = 86_400_000;
const clock = createTestClock(new Date("2030-01-06T09:00:00Z"));
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let coordinator: HubClient;
/** The holders of "Niger, smuggling focal point" in order, and when each took over. */
const holders: { member: TestMember; since: Date }[] = [];

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  coordinator = network.coordinatorNE.client;
  holders.push({ member: network.focalPointNE, since: clock.now() });
}, 180_000);
afterAll(async () => {
  await testHub?.destroy();
});

/** Hands the smuggling post to a newly enrolled focal point through every step. */
async function rotateTo(username: string, displayName: string): Promise<TestMember> {
  const authority = await refreshed(network.coordinatorNE);
  const successor = await enrolMember(testHub, clock, authority, {
    username,
    displayName,
    role: "focal_point",
    country: "NE",
  });
  coordinator = authority.client;
  const keys = network.coordinatorNE.keys;
  const postId = register.smugglingNE.id;
  const started = await coordinator.register.startHandover(
    postId,
    { successorPersonId: successor.person.id, reason: "Rotation of staff" },
    keys,
    at(clock),
  );
  expect(started.status).toBe("started");
  expect(started.predecessorPersonId).toBe(holders.at(-1)?.member.person.id);
  const enrolled = await coordinator.register.recordSuccessorEnrolled(started, keys, at(clock));
  const handedOver = await coordinator.register.recordKeysHandedOver(enrolled, keys, {
    ...at(clock),
    note: "Channel keys re-wrapped for the successor's devices",
  });
  const completed = await coordinator.register.completeHandover(handedOver, keys, at(clock));
  expect(completed.status).toBe("completed");
  expect(completed.steps.map((step) => step.step)).toEqual([
    "started",
    "successor_enrolled",
    "keys_handed_over",
    "completed",
  ]);
  for (const step of completed.steps) {
    expect(step.by).toMatchObject({
      personId: network.coordinatorNE.person.id,
      deviceId: network.coordinatorNE.deviceId,
    });
  }
  holders.push({ member: successor, since: new Date(completed.steps[3]?.at ?? "") });
  return successor;
}

describe("the register through staff rotation", () => {
  it("keeps the post and its office contacts through three handovers", async () => {
    for (const [index, name] of ["Amadou Issoufou", "Mariama Abdou", "Ibrahim Moussa"].entries()) {
      clock.advance(120 * DAY);
      const successor = await rotateTo(`ne.smuggling.fp${index + 2}`, name);
      const post = await (await relogin(network.auditor)).register.post(register.smugglingNE.id);
      expect(post.title).toBe("Niger, smuggling focal point");
      expect(post.holder).toMatchObject({ personId: successor.person.id, displayName: name });
      expect(post.contactChannels).toEqual(nigerSmugglingChannels);
      expect(post.vacant).toBe(false);
    }
  }, 120_000);

  it("shows the post's whole history, oldest first", async () => {
    const history = await coordinator.register.history(register.smugglingNE.id);
    expect(history.assignments.map((a) => a.person.id)).toEqual(
      holders.map((holder) => holder.member.person.id),
    );
    expect(history.assignments.slice(0, 3).every((a) => a.endsAt !== null)).toBe(true);
    expect(history.assignments[3]?.endsAt).toBeNull();
    for (const [index, assignment] of history.assignments.entries()) {
      const next = history.assignments[index + 1];
      if (next) expect(assignment.endsAt).toBe(next.startsAt);
      expect(assignment.decidedBy.deviceId).toBe(network.coordinatorNE.deviceId);
    }
    expect(history.handovers).toHaveLength(3);
    expect(history.handovers.every((handover) => handover.status === "completed")).toBe(true);
    expect(history.assignments[1]?.handoverId).toBe(history.handovers[0]?.id);
  });

  it("answers who held the post on a given date", async () => {
    const postId = register.smugglingNE.id;
    for (const [index, holder] of holders.entries()) {
      const dayAfter = new Date(holder.since.getTime() + 10 * DAY).toISOString().slice(0, 10);
      const held = await coordinator.register.holdersOn(postId, dayAfter);
      expect(
        held.assignments.map((a) => a.person.id),
        `holder ${index}`,
      ).toEqual([holder.member.person.id]);
    }
    const handoverDay = holders[2]?.since.toISOString().slice(0, 10) ?? "";
    const onHandoverDay = await coordinator.register.holdersOn(postId, handoverDay);
    expect(onHandoverDay.assignments.map((a) => a.person.id)).toEqual([
      holders[1]?.member.person.id,
      holders[2]?.member.person.id,
    ]);
    const beforeTheRegister = await coordinator.register.holdersOn(postId, "2029-01-01");
    expect(beforeTheRegister.assignments).toEqual([]);
    const instant = new Date((holders[1]?.since.getTime() ?? 0) + 1000);
    const atInstant = await coordinator.register.holdersOn(postId, instant);
    expect(atInstant.assignments.map((a) => a.person.id)).toEqual([holders[1]?.member.person.id]);
  });

  it("lets the current holder see the history of their post", async () => {
    const current = holders.at(-1)?.member;
    if (!current) throw new Error("no holder");
    const history = await (await relogin(current)).register.history(register.smugglingNE.id);
    expect(history.assignments).toHaveLength(4);
    const former = await relogin(network.focalPointNE);
    await expect(former.register.history(register.smugglingNE.id)).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("records the steps in order only, and can cancel", async () => {
    const keys = network.coordinatorNE.keys;
    const authority = await refreshed(network.coordinatorNE);
    const candidate = await enrolMember(testHub, clock, authority, {
      username: "ne.candidate",
      role: "focal_point",
      country: "NE",
    });
    coordinator = authority.client;
    const postId = register.smugglingNE.id;
    const handover = await coordinator.register.startHandover(
      postId,
      { successorPersonId: candidate.person.id, reason: "Planned rotation" },
      keys,
      at(clock),
    );
    await expect(
      coordinator.register.completeHandover(handover, keys, at(clock)),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      coordinator.register.recordKeysHandedOver(handover, keys, at(clock)),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      coordinator.register.startHandover(
        postId,
        { successorPersonId: network.focalPointNE.person.id, reason: "Second" },
        keys,
        at(clock),
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    const cancelled = await coordinator.register.cancelHandover(handover, keys, {
      ...at(clock),
      note: "Posting postponed",
    });
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.steps.at(-1)).toMatchObject({ step: "cancelled", note: "Posting postponed" });
    const post = await coordinator.register.post(postId);
    expect(post.holder?.personId).toBe(holders.at(-1)?.member.person.id);
  }, 60_000);

  it("refuses a coordinator of another country, a stale time and a forged signature", async () => {
    const sn = await relogin(network.coordinatorSN);
    const fp = holders.at(-1)?.member;
    await expect(
      sn.register.startHandover(
        register.smugglingNE.id,
        { successorPersonId: network.focalPointSN.person.id, reason: "x" },
        network.coordinatorSN.keys,
        at(clock),
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    const input = {
      organisationId: register.policeNE.id,
      country: "NE",
      title: "Niger, liaison officer",
      thematicAreas: ["liaison" as const],
      workingLanguages: ["fr"],
      contactChannels: [],
      timeZone: "Africa/Niamey",
    };
    await expect(
      coordinator.register.createPost(input, network.coordinatorNE.keys, {
        at: new Date(clock.now().getTime() - 10 * 60_000),
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      coordinator.register.createPost(input, fp?.keys ?? network.admin.keys, at(clock)),
    ).rejects.toMatchObject({ code: "invalid_device_signature" });
    const titles = (await coordinator.register.posts({ country: "NE" })).map((p) => p.title);
    expect(titles).not.toContain("Niger, liaison officer");
  });

  it("logs every register change as a leaf signed by the acting device", async () => {
    const leaves = await readLogLeaves(testHub, coordinator);
    const register = leaves.filter((leaf) => /^(post|assignment|handover)-/.test(leaf.entry.type));
    const types = register.map((leaf) => leaf.entry.type);
    expect(types.filter((type) => type === "post-created")).toHaveLength(3);
    expect(types.filter((type) => type === "assignment-started")).toHaveLength(2);
    expect(types.filter((type) => type === "handover-started")).toHaveLength(4);
    expect(types.filter((type) => type === "handover-successor-enrolled")).toHaveLength(3);
    expect(types.filter((type) => type === "handover-keys-handed-over")).toHaveLength(3);
    expect(types.filter((type) => type === "handover-completed")).toHaveLength(3);
    expect(types.filter((type) => type === "handover-cancelled")).toHaveLength(1);
    const completions = register.filter((leaf) => leaf.entry.type === "handover-completed");
    expect(completions.every((leaf) => leaf.signer === network.coordinatorNE.deviceId)).toBe(true);
    const last = completions.at(-1)?.entry;
    expect(last).toMatchObject({
      predecessorPersonId: holders[2]?.member.person.id,
      successorPersonId: holders[3]?.member.person.id,
    });
    expect(JSON.stringify(register)).not.toContain("traffic.migrants@police.ne");
  });
});
