import type { LogSignature, PersonView } from "#shared/api/identity";
import { personReactivatedEntry, personSuspendedEntry } from "#shared/log/identityEntries";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import { actorSignedLeaf } from "../identity/logLeaves";
import type { AuthenticatedActor } from "../policies/actor";
import { presentPerson } from "../presenters/identity";
import { updatePerson } from "../store/persons";
import { managedPerson } from "./persons";

/**
 * Suspends a person: the `person-suspended` entry is logged with the change, then every session
 * ends and every socket is cut at once.
 */
export async function suspendPerson(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
  log: LogSignature,
): Promise<PersonView> {
  const person = await managedPerson(hub, actor, personId);
  if (person.status === "suspended")
    throw new AppError("conflict", "This person is already suspended.");
  const entry = personSuspendedEntry({ personId: person.id, at: log.at });
  const updated = await hub.database.db.transaction(async (tx) => {
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    const row = await updatePerson(tx, person.id, { status: "suspended", updatedAt: hub.now() });
    await hub.log.appendInTransaction(tx, [leaf]);
    return row;
  });
  if (!updated) throw new AppError("not_found", "No such person.");
  await hub.sessions.revoke({ personId: person.id }, "person_suspended");
  return presentPerson(updated);
}

/** Lifts a suspension, logged as `person-reactivated`. */
export async function reactivatePerson(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
  log: LogSignature,
): Promise<PersonView> {
  const person = await managedPerson(hub, actor, personId);
  if (person.status !== "suspended")
    throw new AppError("conflict", "This person is not suspended.");
  // Someone who never enrolled goes back to invited, not active.
  const status = person.passwordHash ? "active" : "invited";
  const entry = personReactivatedEntry({ personId: person.id, at: log.at });
  const updated = await hub.database.db.transaction(async (tx) => {
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    const row = await updatePerson(tx, person.id, { status, updatedAt: hub.now() });
    await hub.log.appendInTransaction(tx, [leaf]);
    return row;
  });
  if (!updated) throw new AppError("not_found", "No such person.");
  return presentPerson(updated);
}
