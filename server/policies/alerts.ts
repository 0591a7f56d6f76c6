import type { Actor, AuthenticatedActor, Decision, Policy } from "./actor";
import { allow, deny, rolesOnly } from "./actor";

/**
 * Who may do what with alerts (DESIGN.md §8, docs/alerts.md "Exchange on the hub"). Role rules
 * run before a handler; the rules that depend on the register (who holds which post) and on
 * the alert's metadata are the pure functions below, called by the commands with the facts.
 */

/** Issuing, reading and acknowledging alerts: the network's members, never auditors. */
export const canUseAlerts: Policy<unknown> = rolesOnly(
  "administrator",
  "coordinator",
  "focal_point",
);

/** Acting for a post (issue, update, withdraw, acknowledge, decide, forward): holding it. */
export function mayActForPost(heldPostIds: readonly string[], postId: string): Decision {
  return heldPostIds.includes(postId)
    ? allow
    : deny("forbidden", "only a holder of this post may act for it");
}

/** The facts reading an alert rests on. */
export interface AlertAudience {
  readonly issuerPostId: string;
  readonly recipientPostIds: readonly string[];
  /** Posts the alert was forwarded to. */
  readonly forwardedToPostIds: readonly string[];
}

/** Reading an alert's metadata: holding its issuer post, a recipient post or a forward target. */
export function mayReadAlert(
  _actor: Actor,
  heldPostIds: readonly string[],
  audience: AlertAudience,
): Decision {
  const readers = new Set([
    audience.issuerPostId,
    ...audience.recipientPostIds,
    ...audience.forwardedToPostIds,
  ]);
  return heldPostIds.some((postId) => readers.has(postId))
    ? allow
    : deny("forbidden", "you hold none of this alert's posts");
}

/**
 * Creating a distribution list owned by a post: its holder, a coordinator of its country or an
 * administrator (the rule channels follow).
 */
export function mayManageDistributionList(
  actor: AuthenticatedActor,
  facts: { heldPostIds: readonly string[]; ownerPostId: string; ownerCountry: string },
): Decision {
  if (actor.role === "administrator") return allow;
  if (actor.role === "coordinator" && actor.country === facts.ownerCountry) return allow;
  if (facts.heldPostIds.includes(facts.ownerPostId)) return allow;
  return deny("forbidden", "only the owner post's holder, its coordinator or an administrator");
}

/** The posts an addressing may reach, for the hub to check the issuer's resolution against. */
export interface AddressablePosts {
  readonly named: readonly string[];
  readonly byScope: readonly string[];
  readonly byList: readonly string[];
}

/**
 * The resolved recipients that the addressing does not reach (the issuer post never counts as
 * reached): the hub refuses an issue that lists any.
 */
export function recipientsOutsideAddressing(
  addressable: AddressablePosts,
  recipientPostIds: readonly string[],
  issuerPostId: string,
): readonly string[] {
  const reachable = new Set([...addressable.named, ...addressable.byScope, ...addressable.byList]);
  reachable.delete(issuerPostId);
  return recipientPostIds.filter((postId) => !reachable.has(postId));
}
