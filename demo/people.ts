import { randomBytes } from "node:crypto";
import { generate } from "otplib";
import type { DeviceKeys } from "#client/core/crypto/index";
import { HubClient } from "#client/core/hubClient";
import type { PersonView, Role } from "#shared/api/identity";
import { check } from "./steps.ts";

/** An enrolled person, logged in on their one device. */
export interface DemoPerson {
  readonly client: HubClient;
  readonly person: PersonView;
  readonly deviceId: string;
  readonly keys: DeviceKeys;
}

/** Who to enrol: `country` is null for the administrator. */
export interface PersonToEnrol {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly country: string | null;
}

const TOTP_PERIOD_MS = 30_000;

/**
 * A code of the person's authenticator at time step `step`. The hub accepts one step of drift
 * either way and never the same step twice, so a person enrols with the current step and logs
 * in with the next one at once, instead of waiting up to 30 s for their authenticator.
 */
function totpCode(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: (step * TOTP_PERIOD_MS) / 1000 });
}

/** A strong password per person and run: nothing in the demo is a shared secret. */
function newPassword(): string {
  return `demo-${randomBytes(18).toString("base64url")}`;
}

interface Enrolled {
  readonly person: PersonView;
  readonly deviceId: string;
  readonly keys: DeviceKeys;
  readonly password: string;
  readonly totpSecret: string;
  readonly step: number;
}

/** Redeems an enrolment (or bootstrap) code on a new device, as the CLI's `enrol` does. */
async function redeem(hubUrl: string, code: string, deviceName: string): Promise<Enrolled> {
  const client = new HubClient({ hubUrl });
  const started = await client.startEnrolment(code);
  const totpSecret = started.totp?.secret;
  check(totpSecret !== undefined, "the hub offered no TOTP secret at enrolment");
  const password = newPassword();
  const step = Math.floor(Date.now() / TOTP_PERIOD_MS);
  const result = await client.completeEnrolment({
    started,
    password,
    totpCode: await totpCode(totpSecret, step),
    deviceName,
  });
  check(result.kind !== "totp_reset", "the enrolment was taken for a TOTP reset");
  return {
    person: result.person,
    deviceId: result.deviceId,
    keys: result.keys,
    password,
    totpSecret,
    step,
  };
}

/** Password, the next TOTP step, then the device's signature: a fresh bearer session. */
async function logIn(hubUrl: string, enrolled: Enrolled): Promise<DemoPerson> {
  const client = new HubClient({ hubUrl });
  await client.login({
    username: enrolled.person.username,
    password: enrolled.password,
    totpCode: await totpCode(enrolled.totpSecret, enrolled.step + 1),
    deviceId: enrolled.deviceId,
    keys: enrolled.keys,
  });
  return { client, person: enrolled.person, deviceId: enrolled.deviceId, keys: enrolled.keys };
}

/** Redeems the hub's one-time bootstrap code: the first administrator, on the root device. */
export async function bootstrapAdministrator(hubUrl: string, code: string): Promise<DemoPerson> {
  const enrolled = await redeem(hubUrl, code, "administrator's laptop");
  check(
    enrolled.person.role === "administrator",
    "the bootstrap code did not enrol an administrator",
  );
  return logIn(hubUrl, enrolled);
}

/**
 * The authority creates the person (signing `role-granted`), the person redeems the code on a
 * new device, the authority checks and countersigns that device, and the person logs in.
 */
export async function enrolPerson(
  hubUrl: string,
  authority: DemoPerson,
  who: PersonToEnrol,
): Promise<DemoPerson> {
  const created = await authority.client.createPerson(who);
  const enrolled = await redeem(hubUrl, created.enrolment.code, `${who.username} laptop`);
  const device = await authority.client.approveDevice(enrolled.deviceId, authority.keys);
  check(device.status === "active", `${who.username}'s device was not activated`);
  return logIn(hubUrl, enrolled);
}
