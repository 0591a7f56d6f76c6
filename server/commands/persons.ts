import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type {
  createPersonBodySchema,
  createPersonResponseSchema,
  issuedCodeSchema,
  PersonView,
} from "#shared/api/identity";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import type { AuthenticatedActor } from "../policies/actor";
import { canManagePerson, canSeePerson } from "../policies/identity";
import { presentPerson } from "../presenters/identity";
import {
  findPersonById,
  findPersonByUsername,
  insertPerson,
  listPersons,
  type PersonRow,
  updatePerson,
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
  if (!decision.allowed)
    throw new AppError(decision.code, "This person is outside your authority.");
  return person;
}

/** Creates an invited person and the enrolment code that lets them enrol their first device. */
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
  const now = hub.now();
  return hub.database.db.transaction(async (tx) => {
    const person = await insertPerson(tx, {
      id: randomUUID(),
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

/** Suspends a person: every session ends and every socket is cut at once. */
export async function suspendPerson(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
): Promise<PersonView> {
  const person = await managedPerson(hub, actor, personId);
  const updated = await updatePerson(hub.database.db, person.id, {
    status: "suspended",
    updatedAt: hub.now(),
  });
  if (!updated) throw new AppError("not_found", "No such person.");
  await hub.sessions.revoke({ personId: person.id }, "person_suspended");
  return presentPerson(updated);
}

export async function reactivatePerson(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
): Promise<PersonView> {
  const person = await managedPerson(hub, actor, personId);
  if (person.status !== "suspended")
    throw new AppError("conflict", "This person is not suspended.");
  // Someone who never enrolled goes back to invited, not active.
  const status = person.passwordHash ? "active" : "invited";
  const updated = await updatePerson(hub.database.db, person.id, { status, updatedAt: hub.now() });
  if (!updated) throw new AppError("not_found", "No such person.");
  return presentPerson(updated);
}

/** A TOTP reset: a single-use code the person redeems with their password to set up a new TOTP. */
export async function resetTotp(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
): Promise<z.infer<typeof issuedCodeSchema>> {
  const person = await managedPerson(hub, actor, personId);
  if (person.status !== "active")
    throw new AppError("conflict", "Only an active person's TOTP can be reset.");
  return issueCode(hub, hub.database.db, actor, person.id, "totp_reset");
}

/** A new enrolment code for someone who has not enrolled yet; the old one stops working. */
export async function reissueEnrolmentCode(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
): Promise<z.infer<typeof issuedCodeSchema>> {
  const person = await managedPerson(hub, actor, personId);
  if (person.status !== "invited")
    throw new AppError("conflict", "This person has already enrolled.");
  return issueCode(hub, hub.database.db, actor, person.id, "person");
}
