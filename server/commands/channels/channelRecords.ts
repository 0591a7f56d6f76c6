import type { ChannelView } from "#shared/api/channels";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayReadChannel } from "../../policies/channels";
import {
  type ChannelRow,
  cursorsOf,
  findChannel,
  listMembers,
  readerPosts,
} from "../../store/channels";
import type { Executor } from "../../store/executor";

/** Loads a channel the actor reads, or throws `unknown_channel` / `not_member`. */
export async function loadReadableChannel(
  db: Executor,
  actor: AuthenticatedActor,
  channelId: string,
): Promise<ChannelRow> {
  const channel = await findChannel(db, channelId);
  if (!channel) throw new AppError("unknown_channel", "No such channel.");
  await assertReader(db, actor, channelId);
  return channel;
}

/** Throws `not_member` unless the actor holds (or deputises, by policy) one of the channel's posts. */
export async function assertReader(
  db: Executor,
  actor: AuthenticatedActor,
  channelId: string,
): Promise<void> {
  if (!mayReadChannel(actor, await readerPosts(db, channelId, actor.personId))) {
    throw new AppError("not_member", "You hold none of this channel's posts.");
  }
}

/** Channel views with their members and the requesting device's cursors. */
export async function presentChannels(
  hub: HubContext,
  actor: AuthenticatedActor,
  rows: readonly ChannelRow[],
): Promise<ChannelView[]> {
  const db = hub.database.db;
  const ids = rows.map((row) => row.id);
  const [members, cursors] = await Promise.all([
    listMembers(db, ids),
    cursorsOf(db, actor.deviceId, ids),
  ]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    purpose: row.purpose,
    ownerPostId: row.ownerPostId,
    historyPolicy: row.historyPolicy,
    includeDeputies: row.includeDeputies,
    members: members
      .filter((member) => member.channelId === row.id)
      .map(({ postId, title, country }) => ({ postId, title, country })),
    currentEpoch: row.currentEpoch,
    lastSeq: row.lastSeq,
    cursor: cursors.get(row.id) ?? 0,
    createdAt: row.createdAt.toISOString(),
  }));
}
