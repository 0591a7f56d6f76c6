import { z } from "zod";
import { timestampSchema, uuidSchema } from "../api/common";

/**
 * Channel events in the transparency log (DESIGN.md §7): creation and membership changes.
 * They name posts, never people or devices: a channel's recipients follow from the posts'
 * assignments and the holders' devices, which the log also records. The channel's name and
 * purpose stay in the hub's database (metadata the members see), not in the log.
 */

const entry = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ v: z.literal(1), type: z.literal(type), ...shape, at: timestampSchema }).strict();

/** How a successor reads a channel's past: all of it, or nothing before their arrival. */
export const historyPolicies = ["institutional", "restricted"] as const;
export const historyPolicySchema = z.enum(historyPolicies);
export type HistoryPolicy = z.infer<typeof historyPolicySchema>;

/** A channel among posts (`group`), or between exactly two posts (`direct`). */
export const channelKinds = ["group", "direct"] as const;
export const channelKindSchema = z.enum(channelKinds);

/** A channel is created; `memberPostIds` are sorted and include the owner post. */
export const channelCreatedEntrySchema = entry("channel-created", {
  channelId: uuidSchema,
  kind: channelKindSchema,
  ownerPostId: uuidSchema,
  memberPostIds: z.array(uuidSchema).min(1).max(500),
  historyPolicy: historyPolicySchema,
  includeDeputies: z.boolean(),
});

/** A post joins a channel. */
export const channelMemberAddedEntrySchema = entry("channel-member-added", {
  channelId: uuidSchema,
  postId: uuidSchema,
});

/** A post leaves a channel. */
export const channelMemberRemovedEntrySchema = entry("channel-member-removed", {
  channelId: uuidSchema,
  postId: uuidSchema,
});

export const channelEntrySchemas = [
  channelCreatedEntrySchema,
  channelMemberAddedEntrySchema,
  channelMemberRemovedEntrySchema,
] as const;

export type ChannelEntry = z.infer<(typeof channelEntrySchemas)[number]>;
