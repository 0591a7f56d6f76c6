import { generate } from "otplib";
import type { DeviceKeys } from "#client/core/crypto/index";
import { HubClient } from "#client/core/hubClient";
import type { PersonView, Role } from "#shared/api/identity";
import type { TestHub } from "../support/hub";

const STEP_MS = 30_000;

/**
 * TOTP codes on the real clock (the browser signs with its own clock, so the hub keeps the real
 * one). The hub accepts one step of drift and never the same step twice per person: each code
 * takes the next unused step, waiting only when it would be two steps ahead.
 */
export class TotpCodes {
  private readonly lastStep = new Map<string, number>();

  /** A code the hub will accept now for `secret`, never one already used. */
  async next(secret: string): Promise<string> {
    const current = Math.floor(Date.now() / STEP_MS);
    const step = Math.max(current, (this.lastStep.get(secret) ?? -1) + 1);
    if (step > current + 1) {
      await new Promise((resolve) => setTimeout(resolve, (step - 1) * STEP_MS - Date.now() + 50));
    }
    this.lastStep.set(secret, step);
    return generate({ secret, epoch: step * 30 });
  }
}

/** The first administrator, enrolled and logged in with the SDK on the root device. */
export interface Administrator {
  client: HubClient;
  person: PersonView;
  keys: DeviceKeys;
}

/** Redeems the bootstrap code with the SDK and logs in (a bearer session). */
export async function bootstrapAdministrator(
  testHub: TestHub,
  totp: TotpCodes,
  password: string,
): Promise<Administrator> {
  const code = testHub.hub.bootstrapCode;
  if (!code) throw new Error("this hub has no bootstrap code");
  const client = new HubClient({ hubUrl: testHub.url });
  const started = await client.startEnrolment(code);
  const secret = started.totp?.secret;
  if (!secret) throw new Error("no TOTP offered");
  const result = await client.completeEnrolment({
    started,
    password,
    totpCode: await totp.next(secret),
    deviceName: "admin laptop",
  });
  if (result.kind === "totp_reset") throw new Error("unexpected TOTP reset");
  await client.login({
    username: result.person.username,
    password,
    totpCode: await totp.next(secret),
    deviceId: result.deviceId,
    keys: result.keys,
  });
  return { client, person: result.person, keys: result.keys };
}

/** The administrator creates a person; returns them with their single-use enrolment code. */
export async function invite(
  admin: Administrator,
  person: { username: string; displayName: string; role: Role; country: string | null },
): Promise<{ person: PersonView; code: string }> {
  const created = await admin.client.createPerson(person);
  return { person: created.person, code: created.enrolment.code };
}

/** The administrator approves the pending device of `personId` (enrolled in the browser). */
export async function approveDeviceOf(admin: Administrator, personId: string): Promise<void> {
  const pending = await admin.client.pendingDevices();
  const device = pending.find((candidate) => candidate.personId === personId);
  if (!device) throw new Error(`no pending device for ${personId}`);
  await admin.client.approveDevice(device, admin.keys);
}
