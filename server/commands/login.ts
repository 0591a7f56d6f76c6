import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type {
  LoginChallengeStatement,
  loginDeviceResponseSchema,
  loginTotpResponseSchema,
} from "#shared/api/identity";
import { SignatureContexts } from "#shared/signing";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import { verifyPassword } from "../identity/passwords";
import { verifyDeviceStatement } from "../identity/signatures";
import { hashToken, newSecretToken } from "../identity/tokens";
import { verifyTotp } from "../identity/totp";
import { presentDevice, presentPerson, presentSession } from "../presenters/identity";
import { findDevice } from "../store/devices";
import { advanceTotpStep, findPersonById, findPersonByUsername } from "../store/persons";
import {
  advanceLoginAttempt,
  findLoginAttempt,
  insertLoginAttempt,
  insertSession,
} from "../store/sessions";

/** How long a login may sit between its steps. */
const LOGIN_ATTEMPT_TTL_MS = 5 * 60_000;

/** Step 1: the password, naming the device. Counts failures per username+IP and per IP. */
export async function loginWithPassword(
  hub: HubContext,
  input: { username: string; password: string; deviceId: string },
  ip: string,
): Promise<{ loginId: string; next: "totp" }> {
  await hub.rateLimits.checkLogin(input.username, ip);
  const person = await findPersonByUsername(hub.database.db, input.username);
  const passwordOk = await verifyPassword(person?.passwordHash, input.password);
  if (!person || !passwordOk || person.status === "invited") {
    await hub.rateLimits.recordLoginFailure(input.username, ip);
    throw new AppError("invalid_credentials", "The username or password is wrong.");
  }
  if (person.status === "suspended")
    throw new AppError("person_suspended", "This account is suspended.");
  const device = await findDevice(hub.database.db, input.deviceId);
  if (!device || device.personId !== person.id)
    throw new AppError("device_unknown", "This device is not registered.");
  if (device.status === "revoked") throw new AppError("device_revoked", "This device was revoked.");
  if (device.status === "pending")
    throw new AppError("device_pending", "This device awaits approval.");
  const now = hub.now();
  const attempt = await insertLoginAttempt(hub.database.db, {
    id: randomUUID(),
    personId: person.id,
    deviceId: device.id,
    stage: "password_ok",
    createdAt: now,
    expiresAt: new Date(now.getTime() + LOGIN_ATTEMPT_TTL_MS),
  });
  return { loginId: attempt.id, next: "totp" };
}

/** Step 2: the TOTP code, never the same time step twice; returns the challenge to sign. */
export async function loginWithTotp(
  hub: HubContext,
  input: { loginId: string; totpCode: string },
  ip: string,
): Promise<z.infer<typeof loginTotpResponseSchema>> {
  const now = hub.now();
  const attempt = await findLoginAttempt(hub.database.db, input.loginId);
  if (attempt?.stage !== "password_ok" || attempt.expiresAt <= now) {
    throw new AppError("challenge_expired", "Start the login again.");
  }
  const person = await findPersonById(hub.database.db, attempt.personId);
  if (!person?.totpSecretEncrypted)
    throw new AppError("challenge_expired", "Start the login again.");
  await hub.rateLimits.checkLogin(person.username, ip);
  const step = await verifyTotp(
    hub.secrets.open(person.totpSecretEncrypted),
    input.totpCode,
    now,
    person.totpLastStep,
  );
  if (step === null || !(await advanceTotpStep(hub.database.db, person.id, step))) {
    await hub.rateLimits.recordLoginFailure(person.username, ip);
    throw new AppError("invalid_totp", "The TOTP code is wrong or was already used.");
  }
  const challenge = newSecretToken(32);
  if (
    !(await advanceLoginAttempt(
      hub.database.db,
      attempt.id,
      "password_ok",
      "totp_ok",
      now,
      challenge,
    ))
  ) {
    throw new AppError("challenge_expired", "Start the login again.");
  }
  return { loginId: attempt.id, next: "device", challenge, hubInstanceId: hub.identity.instanceId };
}

/** Step 3: the device's signature of the challenge; opens a session. */
export async function loginWithDevice(
  hub: HubContext,
  input: { loginId: string; signature: string; sessionKind: "cookie" | "bearer" },
  ip: string,
): Promise<z.infer<typeof loginDeviceResponseSchema>> {
  const now = hub.now();
  const attempt = await findLoginAttempt(hub.database.db, input.loginId);
  if (attempt?.stage !== "totp_ok" || !attempt.challenge || attempt.expiresAt <= now) {
    throw new AppError("challenge_expired", "Start the login again.");
  }
  const [person, device] = await Promise.all([
    findPersonById(hub.database.db, attempt.personId),
    findDevice(hub.database.db, attempt.deviceId),
  ]);
  if (!person || !device) throw new AppError("challenge_expired", "Start the login again.");
  if (device.status !== "active")
    throw new AppError("device_revoked", "This device is not active.");
  if (person.status !== "active")
    throw new AppError("person_suspended", "This account is suspended.");
  const statement: LoginChallengeStatement = {
    v: 1,
    type: "login-challenge",
    loginId: attempt.id,
    deviceId: device.id,
    challenge: attempt.challenge,
    hubInstanceId: hub.identity.instanceId,
  };
  if (
    !verifyDeviceStatement(
      SignatureContexts.loginChallenge,
      statement,
      input.signature,
      device.signingKey,
    )
  ) {
    await hub.rateLimits.recordLoginFailure(person.username, ip);
    throw new AppError("invalid_device_signature", "The device signature does not verify.");
  }
  if (!(await advanceLoginAttempt(hub.database.db, attempt.id, "totp_ok", "done", now))) {
    throw new AppError("challenge_expired", "Start the login again.");
  }
  const token = newSecretToken(32);
  const ttl =
    input.sessionKind === "bearer" ? hub.config.bearerSessionTtlMs : hub.config.cookieSessionTtlMs;
  const session = await insertSession(hub.database.db, {
    id: randomUUID(),
    tokenHash: hashToken(token),
    personId: person.id,
    deviceId: device.id,
    kind: input.sessionKind,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttl),
  });
  await hub.rateLimits.recordLoginSuccess(person.username, ip);
  return {
    person: presentPerson(person),
    device: presentDevice(device),
    session: presentSession(session),
    token,
  };
}
