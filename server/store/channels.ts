import { and, asc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Database } from "./database";
import type { Executor } from "./executor";
import { databaseError } from "./registerConstraints";
import {
  assignments,
  channelCursors,
  channelEpochs,
  channelMembers,
  channels,
  devices,
  messages,
  persons,
  posts,
} from "./schema";

export type ChannelRow = typeof channels.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type EpochRow = typeof channelEpochs.$inferSelect;

/** A device the channel reaches, with the person and the member post it reaches them through. */
export interface AudienceDevice {
  deviceId: string;
  personId: string;
  postId: string;
}

export async function insertChannel(
  db: Executor,
  channel: typeof channels.$inferInsert,
  memberPostIds: readonly string[],
): Promise<void> {
  await db.insert(channels).values(channel);
  await db.insert(channelMembers).values(
    memberPostIds.map((postId) => ({
      channelId: channel.id,
      postId,
      addedAt: channel.createdAt,
    })),
  );
}

export async function findChannel(db: Executor, id: string): Promise<ChannelRow | undefined> {
  const [row] = await db.select().from(channels).where(eq(channels.id, id));
  return row;
}

/** Locks the channel's row for the rest of the transaction (sends and epochs serialise on it). */
export async function lockChannel(db: Executor, id: string): Promise<ChannelRow | undefined> {
  const [row] = await db.select().from(channels).where(eq(channels.id, id)).for("update");
  return row;
}

/** The member posts of channels, with their titles and countries. */
export function listMembers(db: Executor, channelIds: readonly string[]) {
  if (channelIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      channelId: channelMembers.channelId,
      postId: channelMembers.postId,
      title: posts.title,
      country: posts.country,
    })
    .from(channelMembers)
    .innerJoin(posts, eq(posts.id, channelMembers.postId))
    .where(inArray(channelMembers.channelId, [...channelIds]))
    .orderBy(asc(posts.country), asc(posts.title));
}

export async function addMember(
  db: Executor,
  channelId: string,
  postId: string,
  addedAt: Date,
): Promise<boolean> {
  const rows = await db
    .insert(channelMembers)
    .values({ channelId, postId, addedAt })
    .onConflictDoNothing()
    .returning({ postId: channelMembers.postId });
  return rows.length > 0;
}

export async function removeMember(
  db: Executor,
  channelId: string,
  postId: string,
): Promise<boolean> {
  const rows = await db
    .delete(channelMembers)
    .where(and(eq(channelMembers.channelId, channelId), eq(channelMembers.postId, postId)))
    .returning({ postId: channelMembers.postId });
  return rows.length > 0;
}

/**
 * The assignments that give access to channels: logged as started and not yet logged as ended
 * (the rule the clients apply to the log), deputies only where the channel includes them, of
 * persons who are not suspended.
 */
function readerJoin() {
  return and(
    eq(assignments.postId, channelMembers.postId),
    isNull(assignments.endsAt),
    or(ne(assignments.role, "deputy"), eq(channels.includeDeputies, true)),
  );
}

/** The active devices the channel reaches now (persons without a device are left out). */
export function audienceDevices(db: Executor, channelId: string): Promise<AudienceDevice[]> {
  return db
    .selectDistinct({
      deviceId: devices.id,
      personId: assignments.personId,
      postId: channelMembers.postId,
    })
    .from(channelMembers)
    .innerJoin(channels, eq(channels.id, channelMembers.channelId))
    .innerJoin(assignments, readerJoin())
    .innerJoin(persons, and(eq(persons.id, assignments.personId), ne(persons.status, "suspended")))
    .innerJoin(devices, and(eq(devices.personId, persons.id), eq(devices.status, "active")))
    .where(eq(channelMembers.channelId, channelId))
    .orderBy(asc(devices.id));
}

/** The member posts through which `personId` reads the channel (empty: not a reader). */
export async function readerPosts(
  db: Executor,
  channelId: string,
  personId: string,
): Promise<string[]> {
  const rows = await db
    .select({ postId: channelMembers.postId })
    .from(channelMembers)
    .innerJoin(channels, eq(channels.id, channelMembers.channelId))
    .innerJoin(assignments, readerJoin())
    .where(and(eq(channelMembers.channelId, channelId), eq(assignments.personId, personId)));
  return rows.map((row) => row.postId);
}

/** The channels `personId` reads through one of the posts they hold (or deputise). */
export async function channelsOfReader(db: Executor, personId: string): Promise<ChannelRow[]> {
  return db
    .selectDistinct({ channel: channels })
    .from(channelMembers)
    .innerJoin(channels, eq(channels.id, channelMembers.channelId))
    .innerJoin(assignments, readerJoin())
    .where(eq(assignments.personId, personId))
    .orderBy(asc(channels.createdAt))
    .then((rows) => rows.map((row) => row.channel));
}

/** The posts `personId` holds now (holder or interim), the rule channel ownership follows. */
export async function heldPosts(db: Executor, personId: string): Promise<string[]> {
  const rows = await db
    .select({ postId: assignments.postId })
    .from(assignments)
    .where(
      and(
        eq(assignments.personId, personId),
        isNull(assignments.endsAt),
        ne(assignments.role, "deputy"),
      ),
    );
  return rows.map((row) => row.postId);
}

export async function insertEpoch(db: Executor, epoch: typeof channelEpochs.$inferInsert) {
  await db.insert(channelEpochs).values(epoch);
  await db
    .update(channels)
    .set({ currentEpoch: epoch.epoch })
    .where(eq(channels.id, epoch.channelId));
}

export function listEpochs(db: Executor, channelId: string, from: number): Promise<EpochRow[]> {
  return db
    .select()
    .from(channelEpochs)
    .where(and(eq(channelEpochs.channelId, channelId), sql`${channelEpochs.epoch} >= ${from}`))
    .orderBy(asc(channelEpochs.epoch));
}

export async function findEpoch(
  db: Executor,
  channelId: string,
  epoch: number,
): Promise<EpochRow | undefined> {
  const [row] = await db
    .select()
    .from(channelEpochs)
    .where(and(eq(channelEpochs.channelId, channelId), eq(channelEpochs.epoch, epoch)));
  return row;
}

export function messagesAfter(
  db: Executor,
  channelId: string,
  afterSeq: number,
  limit: number,
): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.channelId, channelId), gt(messages.seq, afterSeq)))
    .orderBy(asc(messages.seq))
    .limit(limit);
}

/** The device's cursors, by channel id. */
export async function cursorsOf(
  db: Executor,
  deviceId: string,
  channelIds: readonly string[],
): Promise<Map<string, number>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(channelCursors)
    .where(
      and(
        eq(channelCursors.deviceId, deviceId),
        inArray(channelCursors.channelId, [...channelIds]),
      ),
    );
  return new Map(rows.map((row) => [row.channelId, row.seq]));
}

/** Moves a cursor forward (never back); returns where it stands. */
export async function advanceCursor(
  db: Executor,
  deviceId: string,
  channelId: string,
  seq: number,
): Promise<number> {
  const [row] = await db
    .insert(channelCursors)
    .values({ deviceId, channelId, seq })
    .onConflictDoUpdate({
      target: [channelCursors.deviceId, channelCursors.channelId],
      set: { seq: sql`greatest(${channelCursors.seq}, excluded.seq)` },
    })
    .returning({ seq: channelCursors.seq });
  return row?.seq ?? seq;
}

/** What sends to a channel are checked against, read in one statement with the row locked. */
export interface ChannelSendFacts {
  currentEpoch: number;
  /** The persons who read the channel through one of its posts. */
  readers: string[];
  /** The devices the current epoch wraps its key for, sorted. */
  covered: string[];
  /** The devices the channel reaches now, sorted. */
  audience: string[];
}

/** A send's identity: the sending device and its client message id. */
export interface ClientMessageKey {
  senderDeviceId: string;
  clientMessageId: string;
}

/** Where a client message id is stored already, by `senderDeviceId/clientMessageId`. */
export type StoredClientIds = Map<string, { channelId: string; seq: number }>;

/** A channel of a batch as its lock reads it: what its send facts depend on besides other tables. */
export interface LockedChannel {
  currentEpoch: number;
  includeDeputies: boolean;
}

/** What the lock of a batch's channels reads. */
export interface BatchLock {
  /** By channel id; a channel that does not exist is absent. */
  channels: Map<string, LockedChannel>;
  /**
   * The send facts version (migration 0009): replaced by every change of the tables the facts are
   * read from, in the change's transaction. Null when no channel of the batch was found.
   */
  factsVersion: string | null;
  /** Sends of the batch stored already (retries). */
  stored: StoredClientIds;
}

interface StoredRow {
  channelId: string;
  seq: number | string;
  senderDeviceId: string;
  clientMessageId: string;
}

/**
 * Locks the rows of the channels a batch of sends goes to, in id order (so that two hubs
 * locking overlapping batches cannot deadlock), and reads in the same statement the send facts
 * version and which of the sends are stored already (probing the unique index on sender and
 * client message id): the hot path of delivery, one statement per batch whose text does not
 * depend on the batch's size (array parameters).
 */
export async function lockForSends(
  db: Executor,
  channelIds: readonly string[],
  keys: readonly ClientMessageKey[],
): Promise<BatchLock> {
  const result = (await db.execute(sql`
    with stored as (
      select coalesce(json_agg(json_build_object(
        'channelId', m.channel_id, 'seq', m.seq,
        'senderDeviceId', m.sender_device_id, 'clientMessageId', m.client_message_id
      )), '[]'::json) as list
      from unnest(
        ${arrayLiteral(keys.map((key) => key.senderDeviceId))}::uuid[],
        ${arrayLiteral(keys.map((key) => key.clientMessageId))}::uuid[]
      ) as k(sender_device_id, client_message_id)
      join messages m on m.sender_device_id = k.sender_device_id
        and m.client_message_id = k.client_message_id
    )
    select c.id::text as "channelId", c.current_epoch as "currentEpoch",
      c.include_deputies as "includeDeputies",
      (select token::text from send_facts_version) as "factsVersion",
      (select list from stored) as "stored"
    from channels c where c.id = any(${arrayLiteral(channelIds)}::uuid[])
    order by c.id
    for update of c`)) as {
    rows: {
      channelId: string;
      currentEpoch: number | string;
      includeDeputies: boolean;
      factsVersion: string;
      stored: StoredRow[] | string;
    }[];
  };
  const channels = new Map(
    result.rows.map((row) => [
      row.channelId,
      { currentEpoch: Number(row.currentEpoch), includeDeputies: row.includeDeputies },
    ]),
  );
  const first = result.rows[0];
  // With no channel of the batch found, nothing will be stored: only a retry needs the lookup.
  const rows =
    first === undefined
      ? await storedRows(db, keys)
      : typeof first.stored === "string"
        ? (JSON.parse(first.stored) as StoredRow[])
        : first.stored;
  return {
    channels,
    factsVersion: first?.factsVersion ?? null,
    stored: new Map(
      rows.map((row) => [
        `${row.senderDeviceId}/${row.clientMessageId}`,
        { channelId: row.channelId, seq: Number(row.seq) },
      ]),
    ),
  };
}

/**
 * What sends to channels are checked against, with the send facts version read in the same
 * statement (so the facts are exactly those that version stands for). The channels' rows are
 * locked by the caller.
 */
export async function sendFactsOf(
  db: Executor,
  channelIds: readonly string[],
): Promise<{ factsVersion: string | null; channels: Map<string, ChannelSendFacts> }> {
  const result = (await db.execute(sql`
    select c.id::text as "channelId", c.current_epoch as "currentEpoch",
      array(
        select distinct a.person_id::text from channel_members m
        join assignments a on a.post_id = m.post_id and a.ends_at is null
          and (a.role <> 'deputy' or c.include_deputies)
        where m.channel_id = c.id
      ) as "readers",
      coalesce((
        select array(select unnest(e.recipient_device_ids)::text order by 1)
        from channel_epochs e where e.channel_id = c.id and e.epoch = c.current_epoch
      ), '{}'::text[]) as "covered",
      array(
        select distinct d.id::text from channel_members m
        join assignments a on a.post_id = m.post_id and a.ends_at is null
          and (a.role <> 'deputy' or c.include_deputies)
        join persons p on p.id = a.person_id and p.status <> 'suspended'
        join devices d on d.person_id = p.id and d.status = 'active'
        where m.channel_id = c.id order by 1
      ) as "audience",
      (select token::text from send_facts_version) as "factsVersion"
    from channels c where c.id = any(${arrayLiteral(channelIds)}::uuid[])`)) as {
    rows: (ChannelSendFacts & { channelId: string; factsVersion: string })[];
  };
  return {
    factsVersion: result.rows[0]?.factsVersion ?? null,
    channels: new Map(
      result.rows.map(({ channelId, factsVersion: _version, ...facts }) => [
        channelId,
        { ...facts, currentEpoch: Number(facts.currentEpoch) },
      ]),
    ),
  };
}

/** The stored copies of client message ids, probing the unique index for each key. */
async function storedRows(db: Executor, keys: readonly ClientMessageKey[]): Promise<StoredRow[]> {
  if (keys.length === 0) return [];
  const result = (await db.execute(sql`
    select m.channel_id::text as "channelId", m.seq::text as "seq",
      m.sender_device_id::text as "senderDeviceId", m.client_message_id::text as "clientMessageId"
    from unnest(
      ${arrayLiteral(keys.map((key) => key.senderDeviceId))}::uuid[],
      ${arrayLiteral(keys.map((key) => key.clientMessageId))}::uuid[]
    ) as k(sender_device_id, client_message_id)
    join messages m on m.sender_device_id = k.sender_device_id
      and m.client_message_id = k.client_message_id`)) as { rows: StoredRow[] };
  return result.rows;
}

/** A message of a batch, to store in its channel after the ones before it. */
export type NewMessage = Omit<MessageRow, "seq" | "storedAt">;

/**
 * A batch as the database functions of migration 0010 take it, every column one array parameter
 * (so the statement's text is the same whatever the batch): its channels, each once; then, as
 * array literals, each channel's count of messages and the messages, each with the index of its
 * channel (from 1) and its position among that channel's messages (from 1).
 */
function batchArrays(rows: readonly NewMessage[]) {
  const channels: string[] = [];
  const counts: number[] = [];
  const channelOf: number[] = [];
  const offsets: number[] = [];
  const indexes = new Map<string, number>();
  for (const row of rows) {
    let index = indexes.get(row.channelId);
    if (index === undefined) {
      index = channels.push(row.channelId) - 1;
      counts.push(0);
      indexes.set(row.channelId, index);
    }
    counts[index] = (counts[index] ?? 0) + 1;
    channelOf.push(index + 1);
    offsets.push(counts[index] ?? 0);
  }
  return {
    channels,
    /** Counts, channel of each message, offsets, senders, client ids, epochs, envelopes. */
    columns: [
      list(counts),
      list(channelOf),
      list(offsets),
      list(rows.map((row) => row.senderDeviceId)),
      list(rows.map((row) => row.clientMessageId)),
      list(rows.map((row) => row.epoch)),
      list(rows.map((row) => row.envelope)),
    ] as const,
  };
}

/** An array literal of the values' texts (`arrayLiteral`). */
function list(values: readonly (string | number | boolean)[]): string {
  return arrayLiteral(values.map(String));
}

/** The first number taken in each of `channels`, from the functions' rows (in that order). */
function firstSeqs(channels: readonly string[], rows: readonly { first: string }[]) {
  if (rows.length !== channels.length) throw new Error("a channel of the batch was not numbered");
  return new Map(channels.map((channelId, i) => [channelId, Number(rows[i]?.first)]));
}

/**
 * Numbers and stores a batch of messages of any number of channels (their rows locked by the
 * caller), with the database function `relais_store_batch` (migration 0011): each channel's
 * sequence moves by its count, and its messages take the next numbers in the batch's order.
 * Returns the first number taken in each channel.
 */
export async function appendMessages(
  db: Executor,
  rows: readonly NewMessage[],
  storedAt: Date,
): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const batch = batchArrays(rows);
  const [counts, channelOf, offsets, senders, clientIds, epochs, envelopes] = batch.columns;
  const result = (await db.execute(sql`
    select first::text as "first" from relais_store_batch(
      ${list(batch.channels)}::uuid[], ${counts}::int[],
      ${channelOf}::int[], ${offsets}::int[], ${senders}::uuid[], ${clientIds}::uuid[],
      ${epochs}::int[], ${envelopes}::text[],
      ${storedAt.toISOString()}::timestamptz) with ordinality as f(first, n)
    order by n`)) as { rows: { first: string }[] };
  return firstSeqs(batch.channels, result.rows);
}

/** What a batch decided on kept send facts assumed: the version, and each channel's row. */
export interface KeptFacts {
  factsVersion: string;
  channels: ReadonlyMap<string, LockedChannel>;
}

/**
 * Stores a batch decided on kept send facts in one statement (its own transaction), with the
 * database function `relais_store_batch` (migration 0011) given those facts: it locks the
 * batch's channels, and stores the batch only if the facts version and each channel's epoch and
 * deputies setting are still those the decisions assumed and none of the sends is stored
 * already. Returns the first number taken in each channel, or null when nothing was stored
 * because one of those moved (the function raises {@link SEND_FACTS_MOVED}, or the client id
 * index a unique violation).
 * Sent through the driver (`Database.statement`): the hot path of delivery.
 */
export async function storeOnKeptFacts(
  database: Pick<Database, "statement">,
  kept: KeptFacts,
  rows: readonly NewMessage[],
  storedAt: Date,
): Promise<Map<string, number> | null> {
  const batch = batchArrays(rows);
  const assumed = batch.channels.map((channelId) => {
    const row = kept.channels.get(channelId);
    if (row === undefined) throw new Error("a channel of the batch has no kept facts");
    return row;
  });
  try {
    const result = await database.statement<{ first: string }>(
      `select first::text as "first" from relais_store_batch(
        $1::uuid[], $2::int[], $3::int[], $4::int[], $5::uuid[], $6::uuid[], $7::int[],
        $8::text[], $9::timestamptz, $10::int[], $11::boolean[], $12::uuid) with ordinality as f(first, n)
      order by n`,
      [
        list(batch.channels),
        ...batch.columns,
        storedAt.toISOString(),
        list(assumed.map((row) => row.currentEpoch)),
        list(assumed.map((row) => row.includeDeputies)),
        kept.factsVersion,
      ],
    );
    return firstSeqs(batch.channels, result);
  } catch (error) {
    const cause = databaseError(error);
    const moved =
      cause?.code === SEND_FACTS_MOVED ||
      (cause?.code === "23505" && cause.constraint === "messages_client_id_idx");
    if (moved) return null;
    throw error;
  }
}

/** SQLSTATE raised by `relais_store_batch` when a fact the batch assumed has moved. */
export const SEND_FACTS_MOVED = "RL001";

/**
 * A PostgreSQL array literal of texts (`{"a","b"}`), every element quoted and escaped, so that
 * one parameter carries a whole column of a batch.
 */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}
