import type { z } from "zod";
import type {
  addChannelMemberBodySchema,
  ChannelRecipient,
  ChannelView,
  CreateChannelBody,
  removeChannelMemberBodySchema,
} from "#shared/api/channels";
import {
  channelCreatedEntry,
  channelMemberAddedEntry,
  channelMemberPosts,
  channelMemberRemovedEntry,
} from "#shared/channels/entryBuilders";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { actorSignedLeaf } from "../../identity/logLeaves";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayManageChannel } from "../../policies/channels";
import {
  addMember,
  audienceDevices,
  type ChannelRow,
  channelsOfReader,
  findChannel,
  heldPosts,
  insertChannel,
  removeMember,
} from "../../store/channels";
import type { Executor } from "../../store/executor";
import { findPost } from "../../store/registerPosts";
import { enforce } from "../register/postRecords";
import { loadReadableChannel, presentChannels } from "./channelRecords";

async function assertPostsExist(db: Executor, postIds: readonly string[], path: string) {
  for (const postId of postIds) {
    if (!(await findPost(db, postId))) {
      throw new AppError("validation_failed", "A member post does not exist.", [
        { path, message: `no post ${postId}` },
      ]);
    }
  }
}

/** Whether the actor may manage a channel owned by `ownerPostId`: throws when not. */
async function enforceManager(db: Executor, actor: AuthenticatedActor, ownerPostId: string) {
  const owner = await findPost(db, ownerPostId);
  if (!owner) throw new AppError("not_found", "No such post.");
  const heldPostIds = await heldPosts(db, actor.personId);
  enforce(
    mayManageChannel(actor, { heldPostIds, ownerPostId, ownerCountry: owner.country }),
    "Only the owner post's holder, a coordinator of its country or an administrator may do this.",
  );
}

/** Tells the channel's devices that something changed (they refresh it). */
async function notifyChanged(
  hub: HubContext,
  channelId: string,
  change: "members" | "created",
  alsoDeviceIds: readonly string[] = [],
) {
  const audience = await audienceDevices(hub.database.db, channelId);
  const deviceIds = [...new Set([...audience.map((d) => d.deviceId), ...alsoDeviceIds])];
  hub.delivery.changed(deviceIds, { channelId, change });
}

/** Creates a channel among posts, logged as `channel-created` signed by the creator's device. */
export async function createChannel(
  hub: HubContext,
  actor: AuthenticatedActor,
  body: CreateChannelBody,
): Promise<ChannelView> {
  const db = hub.database.db;
  const memberPostIds = channelMemberPosts(body);
  if (body.kind === "direct" && memberPostIds.length !== 2) {
    throw new AppError("validation_failed", "A direct channel joins exactly two posts.", [
      { path: "body.memberPostIds", message: "must name exactly one post besides the owner post" },
    ]);
  }
  await enforceManager(db, actor, body.ownerPostId);
  await assertPostsExist(db, memberPostIds, "body.memberPostIds");
  if (await findChannel(db, body.channelId)) {
    throw new AppError("conflict", "This channel id is taken.");
  }
  const { log, ...fields } = body;
  const now = hub.now();
  await db.transaction(async (tx) => {
    const leaf = await actorSignedLeaf(
      hub,
      tx,
      actor.deviceId,
      channelCreatedEntry(fields, log.at),
      log,
    );
    await insertChannel(
      tx,
      {
        id: body.channelId,
        kind: body.kind,
        name: body.name,
        purpose: body.purpose,
        ownerPostId: body.ownerPostId,
        historyPolicy: body.historyPolicy,
        includeDeputies: body.includeDeputies,
        createdByPerson: actor.personId,
        createdByDevice: actor.deviceId,
        createdAt: now,
      },
      memberPostIds,
    );
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  await notifyChanged(hub, body.channelId, "created");
  return (await channelViews(hub, actor, [await mustFind(db, body.channelId)]))[0] as ChannelView;
}

async function mustFind(db: Executor, channelId: string): Promise<ChannelRow> {
  const channel = await findChannel(db, channelId);
  if (!channel) throw new AppError("unknown_channel", "No such channel.");
  return channel;
}

function channelViews(hub: HubContext, actor: AuthenticatedActor, rows: ChannelRow[]) {
  return presentChannels(hub, actor, rows);
}

/** Adds a post to a group channel, logged as `channel-member-added`. */
export async function addChannelMember(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
  body: z.infer<typeof addChannelMemberBodySchema>,
): Promise<ChannelView> {
  const db = hub.database.db;
  const channel = await mustFind(db, channelId);
  await enforceManager(db, actor, channel.ownerPostId);
  if (channel.kind === "direct")
    throw new AppError("conflict", "A direct channel's posts are fixed.");
  await assertPostsExist(db, [body.postId], "body.postId");
  await db.transaction(async (tx) => {
    const entry = channelMemberAddedEntry(channelId, body.postId, body.log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, body.log);
    if (!(await addMember(tx, channelId, body.postId, hub.now()))) {
      throw new AppError("conflict", "This post is already a member.");
    }
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  await notifyChanged(hub, channelId, "members");
  return (await channelViews(hub, actor, [await mustFind(db, channelId)]))[0] as ChannelView;
}

/** Removes a post from a group channel, logged as `channel-member-removed`. */
export async function removeChannelMember(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
  postId: string,
  body: z.infer<typeof removeChannelMemberBodySchema>,
): Promise<ChannelView> {
  const db = hub.database.db;
  const channel = await mustFind(db, channelId);
  await enforceManager(db, actor, channel.ownerPostId);
  if (channel.kind === "direct")
    throw new AppError("conflict", "A direct channel's posts are fixed.");
  if (postId === channel.ownerPostId) {
    throw new AppError("conflict", "The owner post cannot leave its channel.");
  }
  const before = await audienceDevices(db, channelId);
  await db.transaction(async (tx) => {
    const entry = channelMemberRemovedEntry(channelId, postId, body.log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, body.log);
    if (!(await removeMember(tx, channelId, postId))) {
      throw new AppError("not_found", "This post is not a member.");
    }
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  const removed = before.filter((d) => d.postId === postId).map((d) => d.deviceId);
  await notifyChanged(hub, channelId, "members", removed);
  return (await channelViews(hub, actor, [await mustFind(db, channelId)]))[0] as ChannelView;
}

/** The channels the actor reads through the posts they hold (or deputise). */
export async function listChannels(hub: HubContext, actor: AuthenticatedActor) {
  return channelViews(hub, actor, await channelsOfReader(hub.database.db, actor.personId));
}

/** A channel the actor reads, with the devices the hub would deliver it to. */
export async function getChannel(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
): Promise<{ channel: ChannelView; recipients: ChannelRecipient[] }> {
  const db = hub.database.db;
  const row = await loadReadableChannel(db, actor, channelId);
  const [channel] = await channelViews(hub, actor, [row]);
  return { channel: channel as ChannelView, recipients: await audienceDevices(db, channelId) };
}
