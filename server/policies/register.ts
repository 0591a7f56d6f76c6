import {
  type Actor,
  allow,
  authenticatedOnly,
  type Decision,
  deny,
  type Policy,
  rolesOnly,
} from "./actor";

/**
 * Who sees and changes what in the register (docs/register.md, "Who sees what").
 *
 * - Everyone signed in reads the directory: posts, their office channels and the display name
 *   of whoever holds them now. That is what the network exists for.
 * - Assignment history (who held a post when, why, decided by whom) and persons' details are
 *   for administrators and auditors everywhere, and for coordinators in their own country.
 *   Focal points see the history of the posts they are assigned to now, not of any other post.
 * - Administrators change everything; a coordinator changes the organisations, posts,
 *   assignments and handovers of their own country; focal points only confirm their own posts'
 *   details; auditors change nothing.
 */

/** The part of a post that authorization looks at. */
export interface PostScope {
  readonly country: string;
  /** Who holds, deputises on or holds in the interim the post now. */
  readonly currentAssigneeIds: readonly string[];
}

/** The directory, organisations, countries, exports and one's own reminders. */
export const canReadRegister: Policy<unknown> = authenticatedOnly;

/** Route gate of register changes; {@link canManageCountry} decides once the target is loaded. */
export const canManageRegister = rolesOnly("administrator", "coordinator");

/** Route gate of confirmation; {@link canConfirmPost} decides on the post. */
export const canConfirmPosts = rolesOnly("administrator", "coordinator", "focal_point");

/** Searching persons by name shows their details: administrators, auditors, coordinators. */
export const canSearchPersons = rolesOnly("administrator", "coordinator", "auditor");

/** Route gate of a post's history; {@link canSeePostHistory} decides on the post. */
export const canReadPostHistory: Policy<unknown> = authenticatedOnly;

/** Changing the register of a country: administrators, or that country's coordinator. */
export function canManageCountry(actor: Actor, country: string): Decision {
  if (actor.kind !== "person") return deny("unauthenticated", "log in first");
  if (actor.role === "administrator") return allow;
  if (actor.role === "coordinator" && actor.country === country) return allow;
  return deny("forbidden", "only administrators, or the coordinator of this country");
}

/** Creating an organisation or a post in the body's country. */
export const canCreateInCountry: Policy<{ body: { country: string } }> = (actor, input) =>
  canManageCountry(actor, input.body.country);

/** Confirming a post's details: whoever is assigned to it now, or its country's authority. */
export function canConfirmPost(actor: Actor, post: PostScope): Decision {
  if (actor.kind !== "person") return deny("unauthenticated", "log in first");
  if (actor.role === "auditor") return deny("forbidden", "auditors change nothing");
  if (post.currentAssigneeIds.includes(actor.personId)) return allow;
  return canManageCountry(actor, post.country);
}

/**
 * A post's assignment history and handovers: administrators and auditors, the coordinator of
 * its country, and whoever is assigned to it now.
 */
export function canSeePostHistory(actor: Actor, post: PostScope): Decision {
  if (actor.kind !== "person") return deny("unauthenticated", "log in first");
  if (actor.role === "administrator" || actor.role === "auditor") return allow;
  if (actor.role === "coordinator" && actor.country === post.country) return allow;
  if (post.currentAssigneeIds.includes(actor.personId)) return allow;
  return deny("forbidden", "the history of this post is not yours to see");
}

/**
 * Which persons a name search may return: everyone for administrators and auditors, a
 * coordinator's country; null for anyone else.
 */
export function personSearchScope(actor: Actor): { country?: string } | null {
  if (actor.kind !== "person") return null;
  if (actor.role === "administrator" || actor.role === "auditor") return {};
  if (actor.role === "coordinator" && actor.country) return { country: actor.country };
  return null;
}
