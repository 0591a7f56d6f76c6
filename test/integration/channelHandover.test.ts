import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EpochKeyring } from "#client/core/channels/epochKeyring";
import { openMessage } from "#client/core/channels/messageCodec";
import { BoxKeyCache, CryptoError, ready, unwrapEpochKey } from "#client/core/crypto/index";
import { request } from "#client/core/hubSocket";
import { fromBase64Url } from "#shared/encoding";
import { type ChannelDevice, channelDevice, texts } from "../support/channels";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, enrolMember, type TestMember, type TestNetwork } from "../support/network";
import { at, createTestRegister, refreshed, type TestRegister } from "./registerFixtures";

/**
 * DESIGN.md §7, "Handover of post X from A to B": after the post changes hands, B reads the
 * institutional history, sees nothing of a restricted channel before B's arrival, and A's
 * devices cannot open anything sent after the handover epoch.
 */
const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let predecessor: ChannelDevice;
let peer: ChannelDevice;
let successor: TestMember;
let institutional: string;
let restricted: string;

const keyringOf = (device: ChannelDevice) =>
  (device.channels as unknown as { keyring: EpochKeyring }).keyring;

beforeAll(async () => {
  await ready();
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  predecessor = await channelDevice(network.focalPointNE.client);
  peer = await channelDevice(network.focalPointSN.client);
  const members = [register.traffickingSN.id];
  const owner = register.smugglingNE.id;
  institutional = (
    await predecessor.channels.create({
      name: "Agadez route",
      ownerPostId: owner,
      memberPostIds: members,
      historyPolicy: "institutional",
    })
  ).id;
  restricted = (
    await predecessor.channels.create({
      name: "Agadez sources",
      ownerPostId: owner,
      memberPostIds: members,
      historyPolicy: "restricted",
    })
  ).id;
  for (const channel of [institutional, restricted]) {
    await predecessor.channels.sendText(channel, `before handover, from A (${channel})`);
    await peer.channels.sendText(channel, `before handover, from C (${channel})`);
  }

  const authority = await refreshed(network.coordinatorNE);
  successor = await enrolMember(testHub, clock, authority, {
    username: "ne.successor",
    displayName: "Successor",
    role: "focal_point",
    country: "NE",
  });
  const coordinator = authority.client.register;
  const keys = network.coordinatorNE.keys;
  const started = await coordinator.startHandover(
    register.smugglingNE.id,
    { successorPersonId: successor.person.id, reason: "Rotation of staff" },
    keys,
    at(clock),
  );
  const enrolled = await coordinator.recordSuccessorEnrolled(started, keys, at(clock));
  const handedOver = await coordinator.recordKeysHandedOver(enrolled, keys, {
    ...at(clock),
    note: "Channel keys re-wrapped at the next epoch",
  });
  await coordinator.completeHandover(handedOver, keys, at(clock));
  // The first member to send after the change starts the next epoch, for B's devices.
  for (const channel of [institutional, restricted]) {
    await peer.channels.sendText(channel, `after handover, from C (${channel})`);
  }
}, 180_000);

afterAll(async () => {
  predecessor?.close();
  peer?.close();
  await testHub?.destroy();
});

describe("handover", () => {
  it("gives the successor the institutional history back to the channel's start", async () => {
    const b = await channelDevice(successor.client);
    try {
      expect(texts(await b.channels.history(institutional))).toEqual([
        `before handover, from A (${institutional})`,
        `before handover, from C (${institutional})`,
        `after handover, from C (${institutional})`,
      ]);
    } finally {
      b.close();
    }
  });

  it("shows the successor nothing of a restricted channel from before their arrival", async () => {
    const b = await channelDevice(successor.client);
    const unreadable: number[] = [];
    b.channels.on("unreadable", (info) => unreadable.push(info.seq));
    try {
      expect(texts(await b.channels.history(restricted))).toEqual([
        `after handover, from C (${restricted})`,
      ]);
      expect(unreadable).toEqual([1, 2]);
    } finally {
      b.close();
    }
  });

  it("excludes the predecessor's devices from the next epoch", async () => {
    const b = await channelDevice(successor.client);
    try {
      const { epochs } = await b.channels.api.epochs(institutional);
      const latest = epochs.at(-1);
      expect(latest?.statement.epoch).toBe(2);
      const recipients = latest?.statement.recipients.map((r) => r.deviceId) ?? [];
      expect(recipients).toContain(successor.deviceId);
      expect(recipients).not.toContain(network.focalPointNE.deviceId);
      // None of the new epoch's wraps opens with A's key.
      const senderKey = fromBase64Url(
        (await predecessor.verifier.loggedDevice(latest?.statement.senderDeviceId ?? ""))?.entry
          .registration.encryptionKey ?? "",
      );
      const shared = new BoxKeyCache(network.focalPointNE.keys.encryption.privateKey).sharedKey(
        senderKey,
      );
      for (const { wrap } of latest?.statement.recipients ?? []) {
        expect(() => unwrapEpochKey(fromBase64Url(wrap), shared)).toThrow(CryptoError);
      }
    } finally {
      b.close();
    }
  });

  it("leaves the predecessor unable to read anything sent after the handover", async () => {
    // The hub no longer serves A...
    await expect(predecessor.channels.sync(institutional)).rejects.toMatchObject({
      code: "not_member",
    });
    // ...and the ciphertext would not open with the keys A had anyway.
    const b = await channelDevice(successor.client);
    try {
      const after = (await b.channels.history(institutional)).at(-1);
      expect(after?.content).toMatchObject({ text: `after handover, from C (${institutional})` });
      const oldKey = await keyringOf(predecessor).key(institutional, 1);
      expect(oldKey).not.toBeNull();
      const page = (await b.channels.api.epochs(institutional)).epochs;
      expect(page.length).toBe(2);
      const envelope = (await rawHistory(b, institutional)).at(-1);
      if (!envelope || !oldKey) throw new Error("missing data");
      expect(envelope.epoch).toBe(2);
      expect(() => openMessage(envelope, oldKey)).toThrow(CryptoError);
    } finally {
      b.close();
    }
  });
});

/** The envelopes of a channel as the hub stores them. */
async function rawHistory(device: ChannelDevice, channelId: string) {
  const page = await request(device.socket, "channel:sync", { channelId, afterSeq: 0, limit: 100 });
  return page.messages.map((m) => m.envelope);
}
