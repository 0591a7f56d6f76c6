import type { z } from "zod";
import type {
  createPersonBodySchema,
  createPersonResponseSchema,
  issuedCodeSchema,
  PersonView,
} from "#shared/api/identity";
import { roleGrantedEntry } from "#shared/log/identityEntries";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import { actorSignedLeaf } from "../identity/logLeaves";
import type { AuthenticatedActor } from "../policies/actor";
import { canManagePerson, canSeePerson } from "../policies/identity";
import { presentPerson } from "../presenters/identity";
import {
  findPersonById,
  findPersonByUsername,
  insertPerson,
  listPersons,
  type PersonRow,
} from "../store/persons";
import { issueCode } from "./issueCode";

/** Loads a person the actor may manage, or throws not_found / forbidden. */
export async function managedPerson(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
): Promise<PersonRow> {
  const person = await findPersonById(hub.database.db, personId);
  if (!person) throw new AppError("not_found", "No such person.");
  const decision = canManagePerson(actor, person);
  if (!decision.allowed) {
    throw new AppError(decision.code, "This person is outside your authority.");
  }
  return person;
}

/**
 * Creates an invited person and the enrolment code that lets them enrol their first device; the
 * `role-granted` entry, signed by the authority's device, goes to the log in the same transaction.
 */
export async function createPerson(
  hub: HubContext,
  actor: AuthenticatedActor,
  body: z.infer<typeof createPersonBodySchema>,
): Promise<z.infer<typeof createPersonResponseSchema>> {
  const needsCountry = body.role === "coordinator" || body.role === "focal_point";
  if (needsCountry && !body.country) {
    throw new AppError("validation_failed", "Coordinators and focal points belong to a country.", [
      { path: "body.country", message: "required for this role" },
    ]);
  }
  if (await findPersonByUsername(hub.database.db, body.username)) {
    throw new AppError("username_taken", "This username is taken.");
  }
  if (await findPersonById(hub.database.db, body.personId)) {
    throw new AppError("conflict", "This person id is already used.");
  }
  const now = hub.now();
  const entry = roleGrantedEntry({
    personId: body.personId,
    username: body.username,
    role: body.role,
    country: body.country,
    at: body.log.at,
  });
  return hub.database.db.transaction(async (tx) => {
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, body.log);
    const person = await insertPerson(tx, {
      id: body.personId,
      username: body.username,
      displayName: body.displayName,
      role: body.role,
      country: body.country,
      status: "invited",
      createdBy: actor.personId,
      createdAt: now,
      updatedAt: now,
    });
    const enrolment = await issueCode(hub, tx, actor, person.id, "person");
    await hub.log.appendInTransaction(tx, [leaf]);
    return { person: presentPerson(person), enrolment };
  });
}

/** The people the actor may see: everyone for administrators and auditors, a coordinator's country. */
export async function listVisiblePersons(
  hub: HubContext,
  actor: AuthenticatedActor,
): Promise<PersonView[]> {
  const filter = actor.role === "coordinator" && actor.country ? { country: actor.country } : {};
  const rows = await listPersons(hub.database.db, filter);
  return rows.filter((row) => canSeePerson(actor, row)).map(presentPerson);
}

type IssuedCode = z.infer<typeof issuedCodeSchema>;

/** Issues a code for a person the actor manages, if the person is in the status it requires. */
async function issueCodeForManaged(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
  kind: "totp_reset" | "person" | "device",
  requiredStatus: PersonRow["status"],
  refusal: string,
): Promise<IssuedCode> {
  const person = await managedPerson(hub, actor, personId);
  if (person.status !== requiredStatus) throw new AppError("conflict", refusal);
  return issueCode(hub, hub.database.db, actor, person.id, kind);
}

/** A TOTP reset: a single-use code the person redeems with their password to set up a new TOTP. */
export function resetTotp(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
): Promise<IssuedCode> {
  return issueCodeForManaged(
    hub,
    actor,
    personId,
    "totp_reset",
    "active",
    "Only an active person's TOTP can be reset.",
  );
}

/** A new enrolment code for someone who has not enrolled yet; the old one stops working. */
export function reissueEnrolmentCode(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
): Promise<IssuedCode> {
  return issueCodeForManaged(
    hub,
    actor,
    personId,
    "person",
    "invited",
    "This person has already enrolled.",
  );
}

/**
 * A code for a new device of a person who lost theirs: issued by their authority, redeemed with
 * the person's password and TOTP, then approved (countersigned) by the authority.
 */
export function issueDeviceCodeFor(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
): Promise<IssuedCode> {
  return issueCodeForManaged(
    hub,
    actor,
    personId,
    "device",
    "active",
    "Only an active person can add a device.",
  );
}
