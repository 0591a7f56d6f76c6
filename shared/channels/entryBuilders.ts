import type { z } from "zod";
import type { CreateChannelBody } from "../api/channels";
import type {
  channelCreatedEntrySchema,
  channelMemberAddedEntrySchema,
  channelMemberRemovedEntrySchema,
} from "../log/channelEntries";

/**
 * The log entries of channel actions, built from the request alone: the SDK builds them to sign,
 * the hub rebuilds them to verify the signature (as `registerEntryBuilders.ts` does).
 */

/** The member posts of a new channel: the owner post and the others, once each, sorted. */
export function channelMemberPosts(body: Pick<CreateChannelBody, "ownerPostId" | "memberPostIds">) {
  return [...new Set([body.ownerPostId, ...body.memberPostIds])].sort();
}

export function channelCreatedEntry(
  body: Omit<CreateChannelBody, "log">,
  at: string,
): z.infer<typeof channelCreatedEntrySchema> {
  return {
    v: 1,
    type: "channel-created",
    channelId: body.channelId,
    kind: body.kind,
    ownerPostId: body.ownerPostId,
    memberPostIds: channelMemberPosts(body),
    historyPolicy: body.historyPolicy,
    includeDeputies: body.includeDeputies,
    at,
  };
}

export function channelMemberAddedEntry(
  channelId: string,
  postId: string,
  at: string,
): z.infer<typeof channelMemberAddedEntrySchema> {
  return { v: 1, type: "channel-member-added", channelId, postId, at };
}

export function channelMemberRemovedEntry(
  channelId: string,
  postId: string,
  at: string,
): z.infer<typeof channelMemberRemovedEntrySchema> {
  return { v: 1, type: "channel-member-removed", channelId, postId, at };
}
