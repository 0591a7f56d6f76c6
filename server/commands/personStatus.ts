import type { LogSignature, PersonView } from "#shared/api/identity";
import type { LogEntry } from "#shared/log/entries";
import { personReactivatedEntry, personSuspendedEntry } from "#shared/log/identityEntries";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import { actorSignedLeaf } from "../identity/logLeaves";
import type { AuthenticatedActor } from "../policies/actor";
import { presentPerson } from "../presenters/identity";
import { type PersonRow, updatePerson } from "../store/persons";
import { managedPerson } from "./persons";

/** Changes a person's status and logs the signed entry of the change, in one transaction. */
async function changeStatus(
  hub: HubContext,
  actor: AuthenticatedActor,
  person: PersonRow,
  status: PersonRow["status"],
  entry: LogEntry,
  log: LogSignature,
): Promise<PersonRow> {
  const updated = await hub.database.db.transaction(async (tx) => {
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    const row = await updatePerson(tx, person.id, { status, updatedAt: hub.now() });
    await hub.log.appendInTransaction(tx, [leaf]);
    return row;
  });
  if (!updated) throw new AppError("not_found", "No such person.");
  return updated;
}

/** Suspends a person, logged as `person-suspended`; every session and socket ends at once. */
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
  const updated = await changeStatus(hub, actor, person, "suspended", entry, log);
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
  return presentPerson(await changeStatus(hub, actor, person, status, entry, log));
}
