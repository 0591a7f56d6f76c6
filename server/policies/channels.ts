import type { Actor, AuthenticatedActor, Decision, Policy } from "./actor";
import { allow, deny, rolesOnly } from "./actor";

/**
 * Who may do what with channels (DESIGN.md §7, docs/protocol.md §10). Role rules are checked
 * before a handler runs; the rules that depend on the register (who holds the owner post, who
 * reads the channel) are the pure functions below, called by the commands with the facts.
 */

/** Creating channels and using them: the network's members, never auditors (log readers). */
export const canUseChannels: Policy<unknown> = rolesOnly(
  "administrator",
  "coordinator",
  "focal_point",
);

/** The facts a channel-management decision rests on. */
export interface ChannelAuthority {
  /** The posts the actor holds now (holder or interim). */
  readonly heldPostIds: readonly string[];
  /** The owner post of the channel (or of the channel to create). */
  readonly ownerPostId: string;
  /** The owner post's country. */
  readonly ownerCountry: string;
}

/**
 * Creating a channel for a post, and adding or removing its posts: the holder of the owner
 * post, a coordinator of the owner post's country, or an administrator.
 */
export function mayManageChannel(actor: AuthenticatedActor, facts: ChannelAuthority): Decision {
  if (actor.role === "administrator") return allow;
  if (actor.role === "coordinator" && actor.country === facts.ownerCountry) return allow;
  if (facts.heldPostIds.includes(facts.ownerPostId)) return allow;
  return deny("forbidden", "only the owner post's holder, its coordinator or an administrator");
}

/** Reading and writing a channel: holding (or deputising, by policy) one of its posts. */
export function mayReadChannel(_actor: Actor, readerPostIds: readonly string[]): boolean {
  return readerPostIds.length > 0;
}

/**
 * Sending the parts of an attachment upload and completing it: the device that started it
 * (holding one of the channel's posts is checked at the start, with every part and on completion;
 * the command answers another device as if the upload did not exist).
 */
export function mayWriteUpload(actor: AuthenticatedActor, upload: { deviceId: string }): Decision {
  if (actor.deviceId === upload.deviceId) return allow;
  return deny("forbidden", "the upload belongs to another device");
}
