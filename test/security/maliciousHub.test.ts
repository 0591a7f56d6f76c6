import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealMessage } from "#client/core/channels/messageCodec";
import {
  BoxKeyCache,
  generateDeviceKeys,
  generateEpochKey,
  publicDeviceKeys,
  ready,
  signStatement,
  wrapEpochKey,
} from "#client/core/crypto/index";
import { LogVerificationError } from "#client/core/log/index";
import { toBase64Url } from "#shared/encoding";
import { SignatureContexts, statementBytes } from "#shared/signing";
import { createTestRegister, type TestRegister } from "../integration/registerFixtures";
import { type ChannelDevice, channelDevice, texts } from "../support/channels";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestNetwork } from "../support/network";

/**
 * The hub is untrusted (DESIGN.md §1): a hub operator who edits the stored messages is caught by
 * the receivers, and one who announces a device the log does not know gets no key wrapped for it.
 * The tampering here is done the way a malicious operator would: in the hub's own database.
 */
const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let sender: ChannelDevice;

const db = () => testHub.hub.context.database.db;

async function newChannel(name: string): Promise<string> {
  const channel = await sender.channels.create({
    name,
    ownerPostId: register.smugglingNE.id,
    memberPostIds: [register.traffickingSN.id],
    historyPolicy: "institutional",
  });
  return channel.id;
}

/** Sends `count` messages "m1".. and returns their channel sequence numbers. */
async function sendMany(channelId: string, count: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 1; i <= count; i++)
    seqs.push((await sender.channels.sendText(channelId, `m${i}`)).seq);
  return seqs;
}

/** A receiver that connects after the tampering and reports everything it sees. */
async function receive(channelId: string) {
  const receiver = await channelDevice(await network.focalPointSN.login());
  const seen = { gaps: [] as unknown[], reordered: [] as unknown[], rejected: [] as unknown[] };
  receiver.channels.on("gap", (gap) => seen.gaps.push(gap));
  receiver.channels.on("reordered", (info) => seen.reordered.push(info));
  receiver.channels.on("rejected", (info) => seen.rejected.push(info));
  const messages = await receiver.channels.sync(channelId);
  receiver.close();
  return { texts: texts(messages), ...seen };
}

beforeAll(async () => {
  await ready();
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  sender = await channelDevice(network.focalPointNE.client);
}, 120_000);

afterAll(async () => {
  sender?.close();
  await testHub?.destroy();
});

describe("a malicious hub", () => {
  it("that drops a message is caught: the receiver reports the gap and names the sender", async () => {
    const channelId = await newChannel("dropped");
    const [, second] = await sendMany(channelId, 3);
    await db().execute(
      sql`delete from messages where channel_id = ${channelId} and seq = ${second}`,
    );
    const seen = await receive(channelId);
    expect(seen.texts).toEqual(["m1", "m3"]);
    expect(seen.gaps).toEqual([
      {
        channelId,
        senderDeviceId: network.focalPointNE.deviceId,
        senderPersonId: network.focalPointNE.person.id,
        from: 2,
        to: 2,
      },
    ]);
  });

  it("that replays a message is caught: the copy is rejected", async () => {
    const channelId = await newChannel("replayed");
    await sendMany(channelId, 2);
    await db().execute(sql`
      insert into messages (channel_id, seq, sender_device_id, client_message_id, epoch, envelope, stored_at)
      select channel_id, 3, sender_device_id, gen_random_uuid(), epoch, envelope, now()
      from messages where channel_id = ${channelId} and seq = 1`);
    await db().execute(sql`update channels set last_seq = 3 where id = ${channelId}`);
    const seen = await receive(channelId);
    expect(seen.texts).toEqual(["m1", "m2"]);
    expect(seen.rejected).toEqual([
      { channelId, seq: 3, senderDeviceId: network.focalPointNE.deviceId, reason: "replay" },
    ]);
  });

  it("that reorders messages is caught: a gap, then the late message flagged", async () => {
    const channelId = await newChannel("reordered");
    await sendMany(channelId, 3);
    await db().execute(
      sql`update messages set seq = -2 where channel_id = ${channelId} and seq = 2`,
    );
    await db().execute(
      sql`update messages set seq = 2 where channel_id = ${channelId} and seq = 3`,
    );
    await db().execute(
      sql`update messages set seq = 3 where channel_id = ${channelId} and seq = -2`,
    );
    const seen = await receive(channelId);
    expect(seen.texts).toEqual(["m1", "m3", "m2"]);
    expect(seen.gaps).toHaveLength(1);
    expect(seen.reordered).toEqual([
      { channelId, seq: 3, senderDeviceId: network.focalPointNE.deviceId, senderSeq: 2 },
    ]);
  });

  it("that injects a message under another device's name is caught: rejected as forged", async () => {
    const channelId = await newChannel("forged");
    await sendMany(channelId, 1);
    const stored = (await db().execute(
      sql`select envelope from messages where channel_id = ${channelId} and seq = 1`,
    )) as { rows: { envelope: string }[] };
    const row = stored.rows[0];
    const genuine = JSON.parse(row?.envelope ?? "{}");
    // The hub holds no key: its best forgery reuses the epoch and signs with a key of its own.
    const forgerKeys = generateDeviceKeys();
    const key = new Uint8Array(32);
    const { envelope } = sealMessage(
      { ...genuine, senderSeq: 2, clientMessageId: crypto.randomUUID() },
      {
        kind: "text",
        text: "meet at the safe house",
        attachments: [],
        sentAt: clock.now().toISOString(),
      },
      key,
      forgerKeys,
    );
    await db().execute(sql`
      insert into messages (channel_id, seq, sender_device_id, client_message_id, epoch, envelope, stored_at)
      values (${channelId}, 2, ${genuine.senderDeviceId}, ${envelope.clientMessageId}, ${genuine.epoch},
              ${JSON.stringify(envelope)}, now())`);
    await db().execute(sql`update channels set last_seq = 2 where id = ${channelId}`);
    const seen = await receive(channelId);
    expect(seen.texts).toEqual(["m1"]);
    expect(seen.rejected).toEqual([
      { channelId, seq: 2, senderDeviceId: network.focalPointNE.deviceId, reason: "forged_sender" },
    ]);
  });

  it("that stores an epoch started by a device outside the channel gets it ignored", async () => {
    const channelId = await newChannel("usurped");
    await sendMany(channelId, 1);
    // A logged device of someone who holds none of the channel's posts, and the hub's help.
    const outsider = network.coordinatorSN;
    const key = generateEpochKey();
    const boxes = new BoxKeyCache(outsider.keys.encryption.privateKey);
    const members = [network.focalPointNE, network.focalPointSN, outsider];
    const statement = {
      v: 1 as const,
      type: "channel-epoch" as const,
      channelId,
      epoch: 2,
      treeSize: (await sender.verifier.syncLog()).treeSize,
      senderDeviceId: outsider.deviceId,
      recipients: members
        .map((member) => ({
          deviceId: member.deviceId,
          wrap: toBase64Url(wrapEpochKey(key, boxes.sharedKey(member.keys.encryption.publicKey))),
        }))
        .sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1)),
      previousKey: null,
      createdAt: clock.now().toISOString(),
    };
    const signature = toBase64Url(
      signStatement(
        SignatureContexts.channelEpoch,
        statementBytes(statement),
        outsider.keys.signing.privateKey,
      ),
    );
    await db().execute(sql`
      insert into channel_epochs (channel_id, epoch, sender_device_id, statement, signature,
                                  recipient_device_ids, created_at)
      values (${channelId}, 2, ${outsider.deviceId}, ${JSON.stringify(statement)}, ${signature},
              ${`{${members.map((m) => m.deviceId).join(",")}}`}, now())`);
    await db().execute(sql`update channels set current_epoch = 2 where id = ${channelId}`);
    const { envelope } = sealMessage(
      {
        v: 1,
        channelId,
        epoch: 2,
        senderDeviceId: outsider.deviceId,
        senderSeq: 1,
        prevHash: null,
        clientMessageId: crypto.randomUUID(),
      },
      {
        kind: "text",
        text: "send me your sources",
        attachments: [],
        sentAt: clock.now().toISOString(),
      },
      key,
      outsider.keys,
    );
    await db().execute(sql`
      insert into messages (channel_id, seq, sender_device_id, client_message_id, epoch, envelope, stored_at)
      values (${channelId}, 2, ${outsider.deviceId}, ${envelope.clientMessageId}, 2,
              ${JSON.stringify(envelope)}, now())`);
    await db().execute(sql`update channels set last_seq = 2 where id = ${channelId}`);
    const seen = await receive(channelId);
    expect(seen.texts).toEqual(["m1"]);
    expect(seen.rejected).toEqual([
      { channelId, seq: 2, senderDeviceId: outsider.deviceId, reason: "not_a_recipient" },
    ]);
  });

  it("that announces a device the log does not know gets no key wrapped for it", async () => {
    const channelId = await newChannel("announced");
    const planted = publicDeviceKeys(generateDeviceKeys());
    const plantedId = crypto.randomUUID();
    await db().execute(sql`
      insert into devices (id, person_id, name, signing_key, encryption_key, registration,
                           self_signature, status, created_at)
      values (${plantedId}, ${network.focalPointSN.person.id}, 'planted', ${planted.signingKey},
              ${planted.encryptionKey}, '{}', ${"A".repeat(86)}, 'active', now())`);
    const refusal = await sender.channels.sendText(channelId, "who reads this?").catch((e) => e);
    expect(refusal).toBeInstanceOf(LogVerificationError);
    expect(refusal.alert?.kind).toBe("unlogged_recipient");
    expect(refusal.alert?.details).toMatchObject({ channelId, deviceId: plantedId });
    const epochs = (await db().execute(
      sql`select 1 from channel_epochs where channel_id = ${channelId}`,
    )) as { rows: unknown[] };
    expect(epochs.rows).toHaveLength(0);
  });
});
