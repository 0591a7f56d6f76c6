import type { Role } from "#shared/api/identity";
import { type Actor, allow, type Decision, deny, type Policy, rolesOnly } from "./actor";

/** The part of a person that authorization looks at. */
export interface PersonScope {
  readonly id: string;
  readonly role: Role;
  readonly country: string | null;
}

/**
 * Who may enrol whom (no self-registration): administrators enrol anyone, including national
 * coordinators and auditors; a coordinator enrols focal points of their own country only.
 */
export const canCreatePerson: Policy<{ body: { role: Role; country: string | null } }> = (
  actor,
  input,
) => {
  if (actor.kind !== "person") return deny("unauthenticated", "log in first");
  const { role, country } = input.body;
  if (actor.role === "administrator") return allow;
  if (actor.role === "coordinator" && role === "focal_point" && country === actor.country)
    return allow;
  return deny(
    "forbidden",
    "only administrators, or coordinators for focal points of their country",
  );
};

/** Listing people: administrators and auditors see everyone, coordinators their country. */
export const canListPersons = rolesOnly("administrator", "coordinator", "auditor");

/** Route-level gate of person management; {@link canManagePerson} decides on the target. */
export const canManagePersons = rolesOnly("administrator", "coordinator");

/**
 * Suspending, reactivating, resetting TOTP: administrators manage everyone but themselves;
 * coordinators manage the focal points of their own country.
 */
export function canManagePerson(actor: Actor, target: PersonScope): Decision {
  if (actor.kind !== "person") return deny("unauthenticated", "log in first");
  if (actor.personId === target.id)
    return deny("forbidden", "nobody manages their own account this way");
  if (actor.role === "administrator") return allow;
  if (
    actor.role === "coordinator" &&
    target.role === "focal_point" &&
    target.country === actor.country
  ) {
    return allow;
  }
  return deny("forbidden", "outside your authority");
}

/** Whether a person listing shows this person to the actor. */
export function canSeePerson(actor: Actor, target: PersonScope): boolean {
  if (actor.kind !== "person") return false;
  if (actor.role === "administrator" || actor.role === "auditor") return true;
  return actor.role === "coordinator" && target.country === actor.country;
}

/**
 * Approving (countersigning) or revoking a device: its owner from another of their devices,
 * or the authority that manages the owner.
 */
export function canActOnDevice(actor: Actor, owner: PersonScope): Decision {
  if (actor.kind !== "person") return deny("unauthenticated", "log in first");
  if (actor.personId === owner.id) return allow;
  return canManagePerson(actor, owner);
}
