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

/**
 * Locks a channel's row and reads, in one round trip, everything its sends are checked
 * against: the hot path of delivery, so one statement rather than five.
 */
export async function lockForSends(
  db: Executor,
  channelId: string,
): Promise<ChannelSendFacts | undefined> {
  const result = (await db.execute(sql`
    select c.current_epoch as "currentEpoch",
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
      ) as "audience"
    from channels c where c.id = ${channelId}
    for update of c`)) as { rows: ChannelSendFacts[] };
  return result.rows[0];
}

/** The stored copies of client message ids, by `senderDeviceId/clientMessageId`. */
export async function storedClientIds(
  db: Executor,
  clientMessageIds: readonly string[],
): Promise<Map<string, { channelId: string; seq: number }>> {
  if (clientMessageIds.length === 0) return new Map();
  const rows = await db
    .select({
      channelId: messages.channelId,
      seq: messages.seq,
      senderDeviceId: messages.senderDeviceId,
      clientMessageId: messages.clientMessageId,
    })
    .from(messages)
    .where(inArray(messages.clientMessageId, [...clientMessageIds]));
  return new Map(
    rows.map((row) => [
      `${row.senderDeviceId}/${row.clientMessageId}`,
      { channelId: row.channelId, seq: row.seq },
    ]),
  );
}

/**
 * Numbers and stores messages of one channel in order (the row is locked by the caller): one
 * update of the sequence, one multi-row insert. Returns the first sequence number.
 */
export async function appendMessages(
  db: Executor,
  channelId: string,
  rows: readonly Omit<MessageRow, "seq" | "channelId">[],
): Promise<number> {
  const [updated] = await db
    .update(channels)
    .set({ lastSeq: sql`${channels.lastSeq} + ${rows.length}` })
    .where(eq(channels.id, channelId))
    .returning({ lastSeq: channels.lastSeq });
  if (!updated) throw new Error("the channel vanished inside its transaction");
  const first = updated.lastSeq - rows.length + 1;
  await db.insert(messages).values(rows.map((row, i) => ({ ...row, channelId, seq: first + i })));
  return first;
}
