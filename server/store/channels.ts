import { and, asc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Executor } from "./executor";
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

/** The stored copy of a client message id, if any. */
export async function findByClientId(
  db: Executor,
  senderDeviceId: string,
  clientMessageId: string,
): Promise<Pick<MessageRow, "channelId" | "seq"> | undefined> {
  const [row] = await db
    .select({ channelId: messages.channelId, seq: messages.seq })
    .from(messages)
    .where(
      and(
        eq(messages.senderDeviceId, senderDeviceId),
        eq(messages.clientMessageId, clientMessageId),
      ),
    );
  return row;
}

/** Takes the channel's next sequence number (the row is locked by the caller). */
export async function nextSeq(db: Executor, channelId: string): Promise<number> {
  const [row] = await db
    .update(channels)
    .set({ lastSeq: sql`${channels.lastSeq} + 1` })
    .where(eq(channels.id, channelId))
    .returning({ seq: channels.lastSeq });
  if (!row) throw new Error("the channel vanished inside its transaction");
  return row.seq;
}

export async function insertMessage(db: Executor, message: MessageRow): Promise<void> {
  await db.insert(messages).values(message);
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

/** What a send must know about its channel, read in one statement with the row locked. */
export interface SendFacts {
  currentEpoch: number;
  /** Whether the person reads the channel through one of its posts. */
  isReader: boolean;
  /** The devices the current epoch wraps its key for, sorted. */
  covered: string[];
  /** The devices the channel reaches now, sorted. */
  audience: string[];
  /** The sequence number of this sender's client message id, if already stored. */
  existingSeq: number | null;
}

/**
 * Locks the channel's row and reads, in one round trip, everything a send is checked against:
 * the hot path of delivery, so one statement rather than five.
 */
export async function lockForSend(
  db: Executor,
  channelId: string,
  personId: string,
  senderDeviceId: string,
  clientMessageId: string,
): Promise<SendFacts | undefined> {
  const result = (await db.execute(sql`
    select c.current_epoch as "currentEpoch",
      exists (
        select 1 from channel_members m
        join assignments a on a.post_id = m.post_id and a.ends_at is null
          and (a.role <> 'deputy' or c.include_deputies)
        where m.channel_id = c.id and a.person_id = ${personId}
      ) as "isReader",
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
      (select s.seq from messages s
        where s.sender_device_id = ${senderDeviceId} and s.client_message_id = ${clientMessageId}
      ) as "existingSeq"
    from channels c where c.id = ${channelId}
    for update of c`)) as { rows: SendFacts[] };
  const row = result.rows[0];
  if (row === undefined) return undefined;
  return { ...row, existingSeq: row.existingSeq === null ? null : Number(row.existingSeq) };
}

/** Takes the next sequence number and stores the message, in one statement. */
export async function appendMessage(
  db: Executor,
  message: Omit<MessageRow, "seq">,
): Promise<number> {
  const result = (await db.execute(sql`
    with next as (
      update channels set last_seq = last_seq + 1 where id = ${message.channelId}
      returning last_seq
    )
    insert into messages
      (channel_id, seq, sender_device_id, client_message_id, epoch, envelope, stored_at)
    select ${message.channelId}, next.last_seq, ${message.senderDeviceId},
      ${message.clientMessageId}, ${message.epoch}, ${message.envelope}, ${message.storedAt}
    from next
    returning seq`)) as { rows: { seq: number | string }[] };
  const seq = result.rows[0]?.seq;
  if (seq === undefined) throw new Error("the channel vanished inside its transaction");
  return Number(seq);
}
