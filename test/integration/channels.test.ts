import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HubError } from "#client/core/errors";
import { request } from "#client/core/hubSocket";
import type { Envelope } from "#shared/channels/envelope";
import { sendMessage } from "../../server/commands/channels/messages";
import {
  type ChannelDevice,
  channelDevice,
  eventually,
  startedChannel,
  texts,
} from "../support/channels";
import { createTestClock } from "../support/clock";
import { testDatabaseKind } from "../support/database";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestNetwork } from "../support/network";
import { createTestRegister, type TestRegister } from "./registerFixtures";

const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let ne: ChannelDevice;
let sn: ChannelDevice;

beforeAll(async () => {
  testHub = await startTestHub({
    now: clock.now,
    env: { MESSAGE_MAX_BYTES: "2048", ATTACHMENT_MAX_BYTES: "300000" },
  });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  ne = await channelDevice(network.focalPointNE.client);
  sn = await channelDevice(network.focalPointSN.client);
}, 120_000);

afterAll(async () => {
  ne?.close();
  sn?.close();
  await testHub?.destroy();
});

describe("channels", () => {
  it("carries an encrypted message from one post's holder to another's", async () => {
    const channel = await ne.channels.create({
      name: "Niger - Senegal smuggling",
      ownerPostId: register.smugglingNE.id,
      memberPostIds: [register.traffickingSN.id],
      historyPolicy: "institutional",
    });
    const listed = await sn.channels.list();
    expect(listed.map((c) => c.id)).toContain(channel.id);
    const sent = await ne.channels.sendText(channel.id, "Convoy leaves Agadez on Tuesday");
    expect(sent.seq).toBe(1);
    await eventually(() => sn.inbox.length === 1);
    expect(texts(sn.inbox)).toEqual(["Convoy leaves Agadez on Tuesday"]);
    expect(sn.inbox[0]?.senderPersonId).toBe(network.focalPointNE.person.id);
  });

  it("refuses a non-member's send with not_member and stores nothing", async () => {
    const channel = (await ne.channels.list())[0];
    if (!channel) throw new Error("no channel");
    const outsider = await channelDevice(await network.coordinatorSN.login());
    try {
      await expect(outsider.channels.sendText(channel.id, "hello")).rejects.toMatchObject({
        code: "not_member",
      });
      const detail = await ne.channels.api.detail(channel.id);
      expect(detail.channel.lastSeq).toBe(1);
    } finally {
      outsider.close();
    }
  });
});

/** A restricted channel from NE's smuggling post to SN's trafficking post, first message sent. */
const started = (name: string) =>
  startedChannel(ne, name, register.smugglingNE.id, register.traffickingSN.id);

describe("channel input", () => {
  let channelId: string;
  let envelope: Envelope;

  beforeAll(async () => {
    ({ channelId, envelope } = await started("Input checks"));
  });

  const lastSeq = async () => (await ne.channels.api.detail(channelId)).channel.lastSeq;
  const send = (changed: Partial<Envelope> & Record<string, unknown>) =>
    request(ne.socket, "channel:send", { envelope: { ...envelope, ...changed } as Envelope });

  it("stores a retried client message id once, answering with its first sequence number", async () => {
    const again = await send({});
    expect(again).toEqual({ seq: 1, duplicate: true });
    expect(await lastSeq()).toBe(1);
  });

  it("refuses a stored client message id sent again in another channel, known or not", async () => {
    const other = await ne.channels.create({
      name: "Input checks, elsewhere",
      ownerPostId: register.smugglingNE.id,
      memberPostIds: [register.traffickingSN.id],
      historyPolicy: "restricted",
    });
    for (const elsewhere of [other.id, crypto.randomUUID()]) {
      await expect(send({ channelId: elsewhere })).rejects.toMatchObject({ code: "conflict" });
    }
    expect(await lastSeq()).toBe(1);
    expect((await ne.channels.api.detail(other.id)).channel.lastSeq).toBe(0);
  });

  it("stores one client message id sent to two channels at once only in one of them", async () => {
    const envelopes: Envelope[] = [];
    for (const name of ["At once 1", "At once 2"]) envelopes.push((await started(name)).envelope);
    const clientMessageId = crypto.randomUUID();
    const outcomes = await Promise.allSettled(
      envelopes.map((envelope) =>
        request(ne.socket, "channel:send", { envelope: { ...envelope, clientMessageId } }),
      ),
    );
    const codes = outcomes.map((outcome) =>
      outcome.status === "fulfilled" ? "stored" : (outcome.reason as HubError).code,
    );
    expect([...codes].sort()).toEqual(["conflict", "stored"]);
    const stored = (await testHub.hub.context.database.db.execute(
      sql`select count(*)::int as n from messages where client_message_id = ${clientMessageId}`,
    )) as { rows: { n: number }[] };
    expect(stored.rows[0]?.n).toBe(1);
  });

  it("numbers sends that arrive together in several channels without gaps or repeats", async () => {
    const channelIds: string[] = [];
    for (const name of ["Together 1", "Together 2", "Together 3"]) {
      const created = await ne.channels.create({
        name,
        ownerPostId: register.smugglingNE.id,
        memberPostIds: [register.traffickingSN.id],
        historyPolicy: "restricted",
      });
      channelIds.push(created.id);
    }
    const before = await Promise.all(
      channelIds.map(async (id) => (await ne.channels.api.detail(id)).channel.lastSeq),
    );
    const sent = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        ne.channels.sendText(channelIds[i % 3] as string, `together ${i}`),
      ),
    );
    for (const [index, id] of channelIds.entries()) {
      const seqs = sent.filter((_, i) => i % 3 === index).map((s) => s.seq);
      const first = (before[index] as number) + 1;
      expect([...seqs].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 10 }, (_, i) => first + i),
      );
      expect((await ne.channels.api.detail(id)).channel.lastSeq).toBe(first + 9);
    }
  });

  it("takes the sends that arrive in one turn of the event loop into one transaction", async () => {
    const { envelope: started } = await startedChannel(
      ne,
      "One turn",
      register.smugglingNE.id,
      register.traffickingSN.id,
    );
    const { context } = testHub.hub;
    const batches = async () => {
      const { values } = await context.metrics.sendBatchSize.get();
      const read = (name: string) => values.find((v) => v.metricName === name)?.value ?? 0;
      return {
        count: read("relais_send_batch_size_count"),
        sum: read("relais_send_batch_size_sum"),
      };
    };
    const actor = {
      kind: "person",
      personId: network.focalPointNE.person.id,
      role: "focal_point",
      country: "NE",
      deviceId: started.senderDeviceId,
      sessionId: crypto.randomUUID(),
    } as const;
    const before = await batches();
    // Submitted one after the other in the same turn, as sends read from several sockets are:
    // the first must not start a transaction of its own.
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        sendMessage(context, actor, { ...started, clientMessageId: crypto.randomUUID() }),
      ),
    );
    expect(outcomes.map((o) => o.seq)).toEqual([2, 3, 4, 5, 6]);
    expect(await batches()).toEqual({ count: before.count + 1, sum: before.sum + 5 });
  });

  it.each([
    ["a malformed envelope", { nonce: "short" }, "validation_failed"],
    ["an unknown channel", { channelId: crypto.randomUUID() }, "unknown_channel"],
    ["a stale epoch", { epoch: 7 }, "stale_epoch"],
    ["another device's name", { senderDeviceId: crypto.randomUUID() }, "sender_mismatch"],
    ["an oversized message", { ciphertext: "A".repeat(3_000) }, "message_too_large"],
  ] as const)("refuses %s with %s and stores nothing", async (_what, changed, code) => {
    const refused = await send({ ...changed, clientMessageId: crypto.randomUUID() }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(HubError);
    expect((refused as HubError).code).toBe(code);
    expect(await lastSeq()).toBe(1);
  });

  it("refuses a non-member's sync and acknowledgement with not_member", async () => {
    const outsider = await channelDevice(await network.coordinatorSN.login());
    try {
      // Each request made only when awaited: an early refusal must not go unhandled.
      for (const attempt of [
        () => request(outsider.socket, "channel:sync", { channelId, limit: 10 }),
        () => request(outsider.socket, "channel:ack", { channelId, seq: 1 }),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: "not_member" });
      }
    } finally {
      outsider.close();
    }
  });

  it("moves a device's cursor forward only", async () => {
    expect(await request(sn.socket, "channel:ack", { channelId, seq: 1 })).toEqual({ cursor: 1 });
    await expect(request(sn.socket, "channel:ack", { channelId, seq: 5 })).rejects.toMatchObject({
      code: "validation_failed",
    });
    const listed = (await sn.channels.list()).find((c) => c.id === channelId);
    expect(listed?.cursor).toBe(1);
  });
});

describe("attachments", () => {
  it("encrypts in chunks, streams up and down, and opens only whole", async () => {
    const channelId = (await ne.channels.list())[0]?.id ?? "";
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 251);
    const ref = await ne.channels.uploadAttachment(
      channelId,
      bytes,
      "passport-scan.png",
      "image/png",
    );
    expect(ref.size).toBe(200_000);
    await ne.channels.sendText(channelId, "forged passport, see scan", [ref]);
    await eventually(() =>
      sn.inbox.some((m) => m.content.kind === "text" && m.content.attachments.length > 0),
    );
    const received = sn.inbox.find(
      (m) => m.content.kind === "text" && m.content.attachments.length > 0,
    );
    const got = received?.content.kind === "text" ? received.content.attachments[0] : undefined;
    if (!got) throw new Error("no attachment received");
    expect(await sn.channels.downloadAttachment(channelId, got)).toEqual(bytes);
    // A reference with another key does not open.
    const other = { ...got, key: ref.header.padEnd(43, "A").slice(0, 43) };
    await expect(sn.channels.downloadAttachment(channelId, other)).rejects.toMatchObject({
      code: "decryption_failed",
    });
  });

  it("refuses an attachment over the size limit and stores nothing", async () => {
    const channelId = (await ne.channels.list())[0]?.id ?? "";
    const tooBig = new Uint8Array(testHub.config.attachmentMaxBytes + 1);
    await expect(ne.channels.api.uploadAttachment(channelId, tooBig)).rejects.toMatchObject({
      code: "attachment_too_large",
    });
    const count = (await testHub.hub.context.database.db.execute(
      sql`select count(*)::int as n from attachments`,
    )) as { rows: { n: number }[] };
    expect(count.rows[0]?.n).toBe(1);
  });
});

describe("a device that lost its channel state", () => {
  it("resumes its own numbering from the channel, so receivers see no replay", async () => {
    const channelId = (
      await ne.channels.create({
        name: "Restored device",
        ownerPostId: register.smugglingNE.id,
        memberPostIds: [register.traffickingSN.id],
        historyPolicy: "institutional",
      })
    ).id;
    await ne.channels.sendText(channelId, "before the restore");
    const rejected: unknown[] = [];
    const chain: unknown[] = [];
    sn.channels.on("rejected", (info) => rejected.push(info));
    sn.channels.on("chain_mismatch", (info) => chain.push(info));
    // The same device, with nothing remembered (a reinstalled client).
    const restored = await channelDevice(network.focalPointNE.client);
    try {
      await restored.channels.sendText(channelId, "after the restore");
      await eventually(() => texts(sn.inbox).includes("after the restore"));
      expect(rejected).toEqual([]);
      expect(chain).toEqual([]);
    } finally {
      restored.close();
    }
  });
});

describe("a channel just created", () => {
  // The hub that commits a channel's creation signs a head covering it just after, and serves
  // no older head meanwhile; another hub on the same database does not wait for that signature.
  // Here the head signer is held back for half a second by a lock on the heads' table, which only
  // a server allows, and the sender's device works through a second hub.
  it.runIf(testDatabaseKind() === "postgres")(
    "sends in a channel created while the latest signed head does not cover it yet",
    async () => {
      const { database, secretKeyFile } = testHub.hub.context.config;
      if (database.kind !== "postgres") throw new Error("a PostgreSQL server was expected");
      const second = await startTestHub({
        now: clock.now,
        env: { SECRET_KEY_FILE: secretKeyFile },
        testDatabase: testHub.testDatabase,
      });
      const other = new pg.Client({ connectionString: database.url });
      await other.connect();
      let sender: ChannelDevice | undefined;
      try {
        sender = await channelDevice(await network.focalPointNE.login("bearer", second.url));
        await other.query("begin");
        // Reads of the heads go on; storing a new one waits for this transaction.
        await other.query("lock table log_heads in exclusive mode");
        const storedSize = async () =>
          (await other.query("select max(tree_size) as size from log_heads")).rows[0]?.size;
        const before = await storedSize();
        const channel = await ne.channels.create({
          name: "Created under a trailing head",
          ownerPostId: register.smugglingNE.id,
          memberPostIds: [register.traffickingSN.id],
          historyPolicy: "institutional",
        });
        expect(await storedSize()).toBe(before);
        const released = new Promise((resolve) => setTimeout(resolve, 500)).then(() =>
          other.query("commit"),
        );
        const sent = await sender.channels.sendText(channel.id, "Sent before the head caught up");
        await released;
        expect(sent.seq).toBe(1);
        // Without Redis the hubs do not push to each other's sockets: the recipient syncs.
        expect(texts(await sn.channels.sync(channel.id))).toEqual([
          "Sent before the head caught up",
        ]);
      } finally {
        await other.query("rollback").catch(() => undefined);
        await other.end();
        sender?.close();
        await second.stop();
      }
    },
  );
});
