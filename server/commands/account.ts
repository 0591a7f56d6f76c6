import type { z } from "zod";
import type { meResponseSchema } from "#shared/api/identity";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "../identity/passwords";
import type { AuthenticatedActor } from "../policies/actor";
import { presentDevice, presentPerson, presentSession } from "../presenters/identity";
import { findDevice } from "../store/devices";
import { findPersonById, updatePerson } from "../store/persons";
import { findSession } from "../store/sessions";

/** The acting person, device and session. */
export async function describeMe(
  hub: HubContext,
  actor: AuthenticatedActor,
): Promise<z.infer<typeof meResponseSchema>> {
  const [person, device, session] = await Promise.all([
    findPersonById(hub.database.db, actor.personId),
    findDevice(hub.database.db, actor.deviceId),
    findSession(hub.database.db, actor.sessionId),
  ]);
  if (!person || !device || !session) throw new AppError("unauthenticated", "Log in again.");
  return {
    person: presentPerson(person),
    device: presentDevice(device),
    session: presentSession(session),
  };
}

/** Ends the acting session and cuts its sockets. */
export async function logout(hub: HubContext, actor: AuthenticatedActor): Promise<void> {
  await hub.sessions.revoke({ sessionId: actor.sessionId }, "session_revoked");
}

/** Changes the password after checking the current one; every other session of the person ends. */
export async function changePassword(
  hub: HubContext,
  actor: AuthenticatedActor,
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<void> {
  const person = await findPersonById(hub.database.db, actor.personId);
  if (!person) throw new AppError("unauthenticated", "Log in again.");
  await hub.rateLimits.checkLogin(person.username, ip);
  if (!(await verifyPassword(person.passwordHash, input.currentPassword))) {
    await hub.rateLimits.recordLoginFailure(person.username, ip);
    throw new AppError("invalid_credentials", "The current password is wrong.");
  }
  assertPasswordPolicy(input.newPassword, person.username, "body.newPassword");
  await updatePerson(hub.database.db, person.id, {
    passwordHash: await hashPassword(input.newPassword),
    updatedAt: hub.now(),
  });
  await hub.sessions.revoke(
    { personId: person.id, exceptSessionId: actor.sessionId },
    "session_revoked",
  );
}
