import type { Role } from "#shared/api/identity";

/**
 * The hub's authorization rules for logged identity actions (server/policies/identity.ts),
 * replayed by clients over the log itself: a hub that appends an action its own rules forbid
 * (a focal point vouching for someone else's device) breaks the chain of trust.
 */

/** A person as the log describes them: the role granted, and whether they are suspended. */
export interface LoggedPerson {
  readonly id: string;
  readonly role: Role;
  readonly country: string | null;
  suspended: boolean;
}

/** Administrators manage everyone but themselves; coordinators their country's focal points. */
export function mayManage(actor: LoggedPerson, target: LoggedPerson): boolean {
  if (actor.suspended || actor.id === target.id) return false;
  if (actor.role === "administrator") return true;
  return (
    actor.role === "coordinator" &&
    target.role === "focal_point" &&
    target.country === actor.country
  );
}

/** Approving or revoking a device: its owner (from another device), or who manages the owner. */
export function mayActOnDevice(actor: LoggedPerson, owner: LoggedPerson): boolean {
  if (actor.suspended) return false;
  return actor.id === owner.id || mayManage(actor, owner);
}

/** Enrolling a person: administrators anyone, coordinators focal points of their country. */
export function mayGrantRole(actor: LoggedPerson, role: Role, country: string | null): boolean {
  if (actor.suspended) return false;
  if (actor.role === "administrator") return true;
  return actor.role === "coordinator" && role === "focal_point" && country === actor.country;
}
