import {
  type DeviceRegistration,
  type DeviceView,
  deviceRegistrationSchema,
  type LoginChallengeStatement,
} from "#shared/api/identity";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import type { LogEntry } from "#shared/log/entries";
import { SignatureContexts, statementBytes } from "#shared/signing";
import type { DeviceCrypto, DeviceKeys } from "./crypto/index.ts";
import { ClientError } from "./errors.ts";

/** A new device's registration entry and its signature by the device's own signing key. */
export interface SignedRegistration {
  registration: DeviceRegistration;
  /** base64url Ed25519 signature, context `device-registration`. */
  selfSignature: string;
}

/**
 * Builds and self-signs the registration entry of a new device. The entry goes through the shared
 * schema before it is signed, so that the bytes signed are the bytes the hub will check (the
 * schema normalises, e.g. trims the device name).
 */
export function signRegistration(
  crypto: DeviceCrypto,
  keys: DeviceKeys,
  entry: { personId: string; deviceId: string; deviceName: string; createdAt: Date },
): SignedRegistration {
  const registration = deviceRegistrationSchema.parse({
    v: 1,
    type: "device-registration",
    personId: entry.personId,
    deviceId: entry.deviceId,
    deviceName: entry.deviceName,
    ...crypto.publicDeviceKeys(keys),
    createdAt: entry.createdAt.toISOString(),
  } satisfies DeviceRegistration);
  const signature = crypto.signStatement(
    SignatureContexts.deviceRegistration,
    statementBytes(registration),
    keys.signing.privateKey,
  );
  return { registration, selfSignature: toBase64Url(signature) };
}

/**
 * Checks that `device` is what it claims before anyone vouches for it: its registration names
 * this device and its owner, and its self-signature verifies with the registration's own signing
 * key. Throws `ClientError("untrusted_device")` otherwise.
 */
export function assertSelfSigned(crypto: DeviceCrypto, device: DeviceView): void {
  const { registration } = device;
  if (registration.deviceId !== device.id || registration.personId !== device.personId) {
    throw new ClientError(
      "untrusted_device",
      `the registration of device ${device.id} describes another device or person`,
    );
  }
  let signature: Uint8Array;
  let signingKey: Uint8Array;
  try {
    signature = fromBase64Url(device.selfSignature);
    signingKey = fromBase64Url(registration.signingKey);
  } catch (cause) {
    throw new ClientError("untrusted_device", `device ${device.id} has malformed keys`, { cause });
  }
  const valid = crypto.verifyStatement(
    SignatureContexts.deviceRegistration,
    signature,
    statementBytes(registration),
    signingKey,
  );
  if (!valid) {
    throw new ClientError(
      "untrusted_device",
      `the self-signature of device ${device.id} does not verify: refusing to approve it`,
    );
  }
}

/** The approving device's countersignature (context `device-countersignature`), base64url. */
export function countersignRegistration(
  crypto: DeviceCrypto,
  keys: DeviceKeys,
  registration: DeviceRegistration,
): string {
  const signature = crypto.signStatement(
    SignatureContexts.deviceCountersignature,
    statementBytes(registration),
    keys.signing.privateKey,
  );
  return toBase64Url(signature);
}

/** The device's signature of the hub's login challenge (context `login-challenge`), base64url. */
export function signLoginChallenge(
  crypto: DeviceCrypto,
  keys: DeviceKeys,
  statement: Omit<LoginChallengeStatement, "v" | "type">,
): string {
  const full: LoginChallengeStatement = { v: 1, type: "login-challenge", ...statement };
  const signature = crypto.signStatement(
    SignatureContexts.loginChallenge,
    statementBytes(full),
    keys.signing.privateKey,
  );
  return toBase64Url(signature);
}

/**
 * The acting device's signature of a transparency-log entry (context `log-entry`), with the
 * entry's `at`. The hub rebuilds the same entry from the request and checks this signature.
 */
export function signLogEntry(
  crypto: DeviceCrypto,
  keys: DeviceKeys,
  entry: LogEntry,
): { at: string; signature: string } {
  const signature = crypto.signStatement(
    SignatureContexts.logEntry,
    statementBytes(entry),
    keys.signing.privateKey,
  );
  return { at: entry.at, signature: toBase64Url(signature) };
}
