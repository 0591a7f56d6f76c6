import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogVerificationError, LogVerifier, MemoryHeadStore } from "#client/core/log/index";
import type { PostView } from "#client/core/registerClient";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, enrolMember, type TestNetwork } from "../support/network";
import { at, createTestRegister, refreshed, type TestRegister } from "./registerFixtures";

/**
 * The holders the hub shows for a post are checked against the assignments its transparency
 * log records, so a hub cannot quietly show a predecessor, an impostor or a forged deputy.
 */
const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
}, 120_000);
afterAll(async () => {
  await testHub?.destroy();
});

function verifierFor(member: { client: TestNetwork["admin"]["client"] }): LogVerifier {
  return LogVerifier.forClient(member.client, { store: new MemoryHeadStore() });
}

describe("verified post holders", () => {
  it("agree with the log through a handover", async () => {
    const authority = await refreshed(network.coordinatorNE);
    const successor = await enrolMember(testHub, clock, authority, {
      username: "ne.smuggling.next",
      role: "focal_point",
      country: "NE",
    });
    const keys = network.coordinatorNE.keys;
    const postId = register.smugglingNE.id;
    const ne = authority.client.register;
    const started = await ne.startHandover(
      postId,
      { successorPersonId: successor.person.id, reason: "Rotation of staff" },
      keys,
      at(clock),
    );
    const enrolled = await ne.recordSuccessorEnrolled(started, keys, at(clock));
    const handedOver = await ne.recordKeysHandedOver(enrolled, keys, at(clock));
    await ne.completeHandover(handedOver, keys, at(clock));
    clock.advance(1000);

    const verifier = verifierFor(authority);
    const verified = await verifier.verifyPostHolders(() => ne.post(postId));
    expect(verified.post.holder?.personId).toBe(successor.person.id);
    expect(verified.treeSize).toBeGreaterThan(10);
  });

  it("look again with a fresh head when the post shows an assignment written after the head", async () => {
    const authority = await refreshed(network.coordinatorNE);
    const verifier = verifierFor(authority);
    const postId = register.traffickingNE.id;
    const ne = authority.client.register;
    let fetches = 0;
    // The first fetch writes an assignment after the verifier has read its head, as another
    // device's write does while a check runs: the post is newer than the head it is checked with.
    const verified = await verifier.verifyPostHolders(async () => {
      fetches += 1;
      if (fetches === 1) {
        await ne.assign(
          postId,
          { personId: network.focalPointNE.person.id, role: "deputy", reason: "Interim cover" },
          network.coordinatorNE.keys,
          at(clock),
        );
      }
      return ne.post(postId);
    });
    expect(fetches).toBeGreaterThan(1);
    expect(verified.post.deputies.map((deputy) => deputy.personId)).toEqual([
      network.focalPointNE.person.id,
    ]);
    expect(await verifier.alerts()).toEqual([]);
  });

  it("raise a persistent register_mismatch alert when the hub shows someone the log does not", async () => {
    const member = await refreshed(network.coordinatorNE);
    const verifier = verifierFor(member);
    const real = await member.client.register.post(register.smugglingNE.id);
    if (!real.holder) throw new Error("the post should be held");
    const forged: PostView = {
      ...real,
      holder: { ...real.holder, personId: network.focalPointSN.person.id },
    };
    const alerts: string[] = [];
    verifier.on("security-alert", (alert) => alerts.push(alert.kind));
    const error = await verifier
      .verifyPostHolders(async () => forged)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogVerificationError);
    expect(error).toMatchObject({ code: "security_alert" });
    expect(alerts).toEqual(["register_mismatch"]);
    // Never a silent retry: the honest answer is refused too until a human clears the alert.
    await expect(verifier.verifyPostHolders(async () => real)).rejects.toMatchObject({
      code: "security_alert",
    });
    await verifier.clearAlerts();
    await expect(verifier.verifyPostHolders(async () => real)).resolves.toMatchObject({
      post: real,
    });
  });

  it("raise an alert when the hub still shows a holder whose assignment the log ended", async () => {
    const member = await refreshed(network.coordinatorNE);
    const verifier = verifierFor(member);
    const history = await member.client.register.history(register.smugglingNE.id);
    const ended = history.assignments.find((assignment) => assignment.endsAt !== null);
    if (!ended) throw new Error("the handover should have ended an assignment");
    const real = await member.client.register.post(register.smugglingNE.id);
    if (!real.holder) throw new Error("the post should be held");
    const stale: PostView = {
      ...real,
      holder: { ...real.holder, assignmentId: ended.id, personId: ended.person.id },
    };
    await expect(verifier.verifyPostHolders(async () => stale)).rejects.toMatchObject({
      code: "security_alert",
      alert: { kind: "register_mismatch" },
    });
  });
});
