import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "#client/core/hubSocket";
import type { Envelope } from "#shared/channels/envelope";
import { type KeptFacts, type NewMessage, storeOnKeptFacts } from "../../server/store/channels";
import { type ChannelDevice, channelDevice, startedChannel } from "../support/channels";
import { createTestClock } from "../support/clock";
import { testDatabaseKind } from "../support/database";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestNetwork } from "../support/network";
import { createTestRegister, type TestRegister } from "./registerFixtures";

// The hub keeps each channel's send facts between batches while the database's send facts
// version stays the same (decision 30, migration 0009). These tests show that every change the
// facts are read from replaces the version, in the database itself, and that a send is checked
// against the change at once.

const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let ne: ChannelDevice;
let envelope: Envelope;

const version = async () => {
  const result = (await testHub.hub.context.database.db.execute(
    sql`select token::text as token from send_facts_version`,
  )) as { rows: { token: string }[] };
  return result.rows[0]?.token;
};

const execute = (statement: string) => testHub.hub.context.database.db.execute(sql.raw(statement));

/** The first message's envelope again, under a new client message id: a send at that epoch. */
const sendAgain = () =>
  request(ne.socket, "channel:send", {
    envelope: { ...envelope, clientMessageId: crypto.randomUUID() },
  });

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  ne = await channelDevice(network.focalPointNE.client);
  ({ envelope } = await startedChannel(
    ne,
    "Kept facts",
    register.smugglingNE.id,
    register.traffickingSN.id,
  ));
}, 120_000);

afterAll(async () => {
  ne?.close();
  await testHub?.destroy();
});

describe("kept send facts", () => {
  it("are kept across sends: storing messages leaves the version as it is", async () => {
    const before = await version();
    for (let i = 0; i < 3; i++) await sendAgain();
    expect(await version()).toBe(before);
  });

  // Each statement below rewrites one row as it is: the row triggers fire all the same.
  const firstRow = (table: string) => `ctid = (select ctid from ${table} limit 1)`;
  it.each([
    ["a channel's member posts", "channel_members", "post_id = post_id"],
    ["a channel's epochs", "channel_epochs", "recipient_device_ids = recipient_device_ids"],
    ["an assignment", "assignments", "ends_at = ends_at"],
    ["a person's status", "persons", "status = status"],
    ["a device's status", "devices", "status = status"],
    ["a device's owner", "devices", "person_id = person_id"],
  ])("are read again after a change of %s", async (_what, table, change) => {
    const before = await version();
    await execute(`update ${table} set ${change} where ${firstRow(table)}`);
    expect(await version()).not.toBe(before);
  });

  it.each([
    ["a channel's sequence", "channels", "last_seq = last_seq"],
    ["a person's last login step", "persons", "totp_last_step = totp_last_step"],
    ["a device's name", "devices", "name = name"],
  ])("are still kept after a change of %s", async (_what, table, change) => {
    const before = await version();
    await execute(`update ${table} set ${change} where ${firstRow(table)}`);
    expect(await version()).toBe(before);
  });

  it("are read again after a new channel's members and its first epoch", async () => {
    const before = await version();
    const created = await ne.channels.create({
      name: "Kept facts, new",
      ownerPostId: register.smugglingNE.id,
      memberPostIds: [register.traffickingSN.id],
      historyPolicy: "restricted",
    });
    const afterCreation = await version();
    expect(afterCreation).not.toBe(before);
    await ne.channels.sendText(created.id, "epoch 1");
    expect(await version()).not.toBe(afterCreation);
  });

  it("are watched for rows added, changed and removed, and for emptied tables", async () => {
    const result = (await testHub.hub.context.database.db.execute(sql`
      select c.relname as "table", bit_or(t.tgtype::int) & 60 as "events"
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
      where p.proname = 'relais_send_facts_changed' group by c.relname order by 1`)) as {
      rows: { table: string; events: number }[];
    };
    // tgtype bits: 4 insert, 8 delete, 16 update, 32 truncate.
    expect(result.rows).toEqual(
      ["assignments", "channel_epochs", "channel_members", "devices", "persons"].map((table) => ({
        table,
        events: 4 | 8 | 16 | 32,
      })),
    );
  });

  it("stop a send the moment the channel's devices change, and allow it again when they return", async () => {
    await sendAgain(); // The channel's facts are kept now.
    const sn = network.focalPointSN.person.id;
    await network.coordinatorSN.client.suspendPerson(sn);
    await expect(sendAgain()).rejects.toMatchObject({ code: "rotation_required" });
    await network.coordinatorSN.client.reactivatePerson(sn);
    await expect(sendAgain()).resolves.toMatchObject({ duplicate: false });
  });
});

describe("a batch on kept facts", () => {
  /** Send batches stored so far, by path (`relais_send_batches_total`). */
  const batches = async () => {
    const { values } = await testHub.hub.context.metrics.sendBatches.get();
    const read = (path: string) => values.find((v) => v.labels.path === path)?.value ?? 0;
    return { kept: read("kept"), full: read("full") };
  };
  const lastSeq = async () =>
    (await ne.channels.api.detail(envelope.channelId)).channel.lastSeq as number;

  /** Sends once; expects it stored by `path`, with the channel's next number. */
  const expectStoredBy = async (path: "kept" | "full") => {
    const [before, seq] = [await batches(), await lastSeq()];
    await expect(sendAgain()).resolves.toEqual({ seq: seq + 1, duplicate: false });
    expect(await lastSeq()).toBe(seq + 1);
    expect(await batches()).toEqual({
      kept: before.kept + (path === "kept" ? 1 : 0),
      full: before.full + (path === "full" ? 1 : 0),
    });
  };

  it("is stored in one statement while the facts hold, envelope for envelope", async () => {
    await sendAgain();
    for (let i = 0; i < 3; i++) await expectStoredBy("kept");
    // The envelope's JSON text, quotes and all, survives the array parameter it is stored from.
    const sent = { ...envelope, clientMessageId: crypto.randomUUID() };
    const { seq } = await request(ne.socket, "channel:send", { envelope: sent });
    const page = await request(ne.socket, "channel:sync", {
      channelId: envelope.channelId,
      afterSeq: seq - 1,
      limit: 1,
    });
    expect(page.messages[0]?.envelope).toEqual(sent);
  });

  it("goes through the full transaction, stored once, when the version moved behind the hub's back", async () => {
    await sendAgain();
    await execute(
      `update channel_members set post_id = post_id where channel_id = '${envelope.channelId}'`,
    );
    await expectStoredBy("full");
    await expectStoredBy("kept");
  });

  it("goes through the full transaction when the channel's row moved and the version did not", async () => {
    await sendAgain();
    const before = await version();
    const setDeputies = (on: boolean) =>
      execute(`update channels set include_deputies = ${on} where id = '${envelope.channelId}'`);
    await setDeputies(true);
    try {
      expect(await version()).toBe(before);
      await expectStoredBy("full");
    } finally {
      await setDeputies(false);
    }
    await expectStoredBy("full");
    await expectStoredBy("kept");
  });

  it("answers a retry of a stored message through the full transaction, storing nothing", async () => {
    const retried = { ...envelope, clientMessageId: crypto.randomUUID() };
    const first = await request(ne.socket, "channel:send", { envelope: retried });
    const [before, seq] = [await batches(), await lastSeq()];
    await expect(request(ne.socket, "channel:send", { envelope: retried })).resolves.toEqual({
      seq: first.seq,
      duplicate: true,
    });
    expect(await lastSeq()).toBe(seq);
    expect(await batches()).toEqual({ kept: before.kept, full: before.full + 1 });
  });

  describe("over several channels, stored by the database function directly", () => {
    interface Row {
      id: string;
      currentEpoch: number;
      includeDeputies: boolean;
      lastSeq: number;
    }
    let rows: Row[];
    const readRows = async (ids: readonly string[]) => {
      const result = (await testHub.hub.context.database.db.execute(sql`
        select id::text as "id", current_epoch as "currentEpoch",
          include_deputies as "includeDeputies", last_seq::int as "lastSeq"
        from channels where id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) order by id desc`)) as { rows: Row[] };
      return result.rows;
    };
    const seqOf = async (clientMessageId: string) => {
      const result = (await testHub.hub.context.database.db.execute(
        sql`select seq::int as seq from messages where client_message_id = ${clientMessageId}`,
      )) as { rows: { seq: number }[] };
      return result.rows.map((row) => row.seq);
    };
    /** Six messages over the channels in `rows` order (ids descending, so not in lock order). */
    const batchOf = (channels: readonly Row[]): NewMessage[] =>
      [0, 1, 2, 0, 2, 2].map((i) => {
        const channel = channels[i] as Row;
        return {
          channelId: channel.id,
          senderDeviceId: envelope.senderDeviceId,
          clientMessageId: crypto.randomUUID(),
          epoch: channel.currentEpoch,
          envelope: JSON.stringify({ ...envelope, channelId: channel.id }),
        };
      });
    const keptFacts = async (channels: readonly Row[]): Promise<KeptFacts> => ({
      factsVersion: (await version()) as string,
      channels: new Map(channels.map((row) => [row.id, row])),
    });

    beforeAll(async () => {
      const ids: string[] = [];
      for (const name of ["Kept batch 1", "Kept batch 2", "Kept batch 3"]) {
        const started = await startedChannel(
          ne,
          name,
          register.smugglingNE.id,
          register.traffickingSN.id,
        );
        ids.push(started.channelId);
        // Each channel at a number of its own, so that a first number given to the wrong one shows.
        for (let i = 1; i < ids.length * 2; i++) {
          await ne.channels.sendText(started.channelId, `${name}: ${i}`);
        }
      }
      // And at an epoch and deputies setting of its own, so that a fact checked against another
      // channel's row shows too. Set in the rows directly: only this function reads them here.
      for (const [i, id] of ids.entries()) {
        await execute(
          `update channels set current_epoch = current_epoch + ${i},
            include_deputies = ${i === 1} where id = '${id}'`,
        );
      }
      rows = await readRows(ids);
    });

    const store = async (assumed: readonly Row[], batch: NewMessage[], factsVersion?: string) =>
      storeOnKeptFacts(
        testHub.hub.context.database,
        { ...(await keptFacts(assumed)), ...(factsVersion ? { factsVersion } : {}) },
        batch,
        new Date(),
      );

    /** The batch stored nothing, and every channel's row is as it was. */
    const expectNothingStored = async (batch: readonly NewMessage[]) => {
      for (const message of batch) expect(await seqOf(message.clientMessageId)).toEqual([]);
      expect(await readRows(rows.map((row) => row.id))).toEqual(rows);
    };

    it("numbers each channel from its own last number, in the batch's order", async () => {
      const batch = batchOf(rows);
      const firsts = await store(rows, batch);
      expect(firsts).toEqual(new Map(rows.map((row) => [row.id, row.lastSeq + 1])));
      const offsets = new Map<string, number>();
      for (const message of batch) {
        const offset = offsets.get(message.channelId) ?? 0;
        offsets.set(message.channelId, offset + 1);
        const first = firsts?.get(message.channelId) as number;
        expect(await seqOf(message.clientMessageId)).toEqual([first + offset]);
      }
      const after = await readRows(rows.map((row) => row.id));
      expect(after.map((row) => row.lastSeq)).toEqual(
        rows.map((row) => row.lastSeq + (offsets.get(row.id) ?? 0)),
      );
      rows = after;
    });

    it.each([
      ["the epoch of the channel locked first moved", (r: Row[]) => bump(r, 2, "currentEpoch")],
      ["the epoch of the channel locked last moved", (r: Row[]) => bump(r, 0, "currentEpoch")],
      ["the deputies setting of one channel moved", (r: Row[]) => bump(r, 1, "includeDeputies")],
      [
        "two channels' epochs are swapped",
        (r: Row[]) =>
          r.map((row, i) => ({ ...row, currentEpoch: (r[(i + 1) % 3] as Row).currentEpoch })),
      ],
    ])("stores nothing in any channel when %s", async (_what, assume) => {
      const batch = batchOf(rows);
      await expect(store(assume(rows), batch)).resolves.toBeNull();
      await expectNothingStored(batch);
    });

    it("stores nothing when the send facts version moved", async () => {
      const batch = batchOf(rows);
      await expect(store(rows, batch, crypto.randomUUID())).resolves.toBeNull();
      await expectNothingStored(batch);
    });

    it("stores nothing when one message of the batch is stored already", async () => {
      const [earlier] = batchOf(rows);
      const firsts = await store(rows, [earlier as NewMessage]);
      expect(firsts?.size).toBe(1);
      rows = await readRows(rows.map((row) => row.id));
      const batch = [...batchOf(rows).slice(1), earlier as NewMessage];
      await expect(store(rows, batch)).resolves.toBeNull();
      for (const message of batch.slice(0, -1)) {
        expect(await seqOf(message.clientMessageId)).toEqual([]);
      }
      expect(await readRows(rows.map((row) => row.id))).toEqual(rows);
    });

    // A PostgreSQL server runs other transactions at the same time: a change of a channel's row
    // that holds its lock when the batch arrives is seen once it commits (decision 31).
    it.runIf(testDatabaseKind() === "postgres")(
      "waits for a change of a channel under way, and stores nothing when it moved the epoch",
      async () => {
        const { database } = testHub.hub.context.config;
        if (database.kind !== "postgres") throw new Error("a PostgreSQL server was expected");
        const other = new pg.Client({ connectionString: database.url });
        await other.connect();
        const moved = rows[1] as Row;
        try {
          await other.query("begin");
          await other.query("update channels set current_epoch = current_epoch + 1 where id = $1", [
            moved.id,
          ]);
          const batch = batchOf(rows);
          const stored = store(rows, batch);
          await until(async () => {
            const waiting = await other.query(
              `select count(*)::int as n from pg_stat_activity
               where datname = current_database() and wait_event_type = 'Lock'`,
            );
            return waiting.rows[0]?.n === 1;
          });
          await other.query("commit");
          await expect(stored).resolves.toBeNull();
          for (const message of batch) expect(await seqOf(message.clientMessageId)).toEqual([]);
        } finally {
          await other.query("rollback").catch(() => undefined);
          await other.query("update channels set current_epoch = current_epoch - 1 where id = $1", [
            moved.id,
          ]);
          await other.end();
        }
        expect(await readRows(rows.map((row) => row.id))).toEqual(rows);
      },
    );
  });
});

/** `rows` with one fact of the row at `index` changed. */
function bump<T extends { currentEpoch: number; includeDeputies: boolean }>(
  rows: readonly T[],
  index: number,
  fact: "currentEpoch" | "includeDeputies",
): T[] {
  return rows.map((row, i) =>
    i !== index
      ? row
      : fact === "currentEpoch"
        ? { ...row, currentEpoch: row.currentEpoch + 1 }
        : { ...row, includeDeputies: !row.includeDeputies },
  );
}

/** Resolves once `condition` holds, checking every 20 ms, for 5 seconds at most. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; waited < 5_000; waited += 20) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the condition never held");
}
