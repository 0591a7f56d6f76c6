import type { z } from "zod";
import type {
  enrolmentCompleteBodySchema,
  enrolmentCompleteResponseSchema,
  enrolmentStartResponseSchema,
} from "#shared/api/identity";
import { canonicalJson } from "#shared/log/canonicalJson";
import type { SignedLeaf } from "#shared/log/entries";
import { deviceEnrolledEntry, roleGrantedEntry } from "#shared/log/identityEntries";
import { SignatureContexts } from "#shared/signing";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import { signedLeaf } from "../identity/logLeaves";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "../identity/passwords";
import { verifyDeviceStatement } from "../identity/signatures";
import { hashToken } from "../identity/tokens";
import { newTotpSetup, verifyTotp } from "../identity/totp";
import { presentDevice, presentPerson } from "../presenters/identity";
import { findDevice, findDeviceBySigningKey, insertDevice } from "../store/devices";
import {
  consumeEnrolmentCode,
  type EnrolmentCodeRow,
  findEnrolmentCode,
  setPendingTotpSecret,
} from "../store/enrolmentCodes";
import { ROOT_DEVICE_KEY, writeHubMeta } from "../store/hubMeta";
import { findPersonById, type PersonRow, updatePerson } from "../store/persons";

/** Finds a code that can still be redeemed, or throws the precise reason. */
async function liveCode(
  hub: HubContext,
  code: string,
): Promise<{ row: EnrolmentCodeRow; person: PersonRow }> {
  const row = await findEnrolmentCode(hub.database.db, hashToken(code));
  if (!row) throw new AppError("enrolment_code_invalid", "This code is not valid.");
  if (row.usedAt) throw new AppError("enrolment_code_used", "This code was already used.");
  if (row.expiresAt <= hub.now())
    throw new AppError("enrolment_code_expired", "This code has expired.");
  const person = await findPersonById(hub.database.db, row.personId);
  if (!person) throw new AppError("enrolment_code_invalid", "This code is not valid.");
  if (person.status === "suspended")
    throw new AppError("person_suspended", "This account is suspended.");
  return { row, person };
}

/** Kinds whose redemption sets up a new TOTP secret. */
const setsTotp = (kind: EnrolmentCodeRow["kind"]) => kind !== "device";

/** Shows what a code enrols and offers a fresh TOTP secret to set up. Does not consume it. */
export async function startEnrolment(
  hub: HubContext,
  code: string,
): Promise<z.infer<typeof enrolmentStartResponseSchema>> {
  const { row, person } = await liveCode(hub, code);
  let totp = null;
  if (setsTotp(row.kind)) {
    totp = await newTotpSetup(person.username);
    await setPendingTotpSecret(hub.database.db, row.id, hub.secrets.seal(totp.secret));
  }
  return {
    kind: row.kind,
    person: presentPerson(person),
    expiresAt: row.expiresAt.toISOString(),
    totp,
  };
}

/**
 * Redeems a code once: sets the password and TOTP (or checks them, when adding a device),
 * registers the device with its self-signature, and consumes the code, all in one transaction.
 * The bootstrap administrator's first device becomes the network root and is active at once;
 * every other device waits for an authority's countersignature.
 */
export async function completeEnrolment(
  hub: HubContext,
  body: z.infer<typeof enrolmentCompleteBodySchema>,
): Promise<z.infer<typeof enrolmentCompleteResponseSchema>> {
  const { row, person } = await liveCode(hub, body.code);
  const now = hub.now();
  let totpSecret: string;
  if (setsTotp(row.kind)) {
    if (!row.pendingTotpSecretEncrypted) {
      throw new AppError("validation_failed", "Start the enrolment first to get the TOTP secret.");
    }
    totpSecret = hub.secrets.open(row.pendingTotpSecretEncrypted);
  } else {
    if (!person.totpSecretEncrypted) throw new AppError("invalid_totp", "No TOTP is set up.");
    totpSecret = hub.secrets.open(person.totpSecretEncrypted);
  }
  const needsExistingPassword = row.kind === "device" || row.kind === "totp_reset";
  if (needsExistingPassword) {
    if (!(await verifyPassword(person.passwordHash, body.password))) {
      throw new AppError("invalid_credentials", "The password is wrong.");
    }
  } else {
    assertPasswordPolicy(body.password, person.username);
  }
  const totpStep = await verifyTotp(totpSecret, body.totpCode, now, person.totpLastStep);
  if (totpStep === null) throw new AppError("invalid_totp", "The TOTP code is wrong.");

  const device = body.device;
  if (row.kind === "totp_reset" && device) {
    throw new AppError("validation_failed", "A TOTP reset registers no device.", [
      { path: "body.device", message: "not allowed with a TOTP reset code" },
    ]);
  }
  if (row.kind !== "totp_reset") {
    if (!device) throw new AppError("validation_failed", "Register a device with this code.");
    const registration = device.registration;
    if (registration.personId !== person.id) {
      throw new AppError("validation_failed", "The registration names another person.");
    }
    if (
      !verifyDeviceStatement(
        SignatureContexts.deviceRegistration,
        registration,
        device.selfSignature,
        registration.signingKey,
      )
    ) {
      throw new AppError(
        "invalid_device_signature",
        "The device's self-signature does not verify.",
      );
    }
    if (
      (await findDevice(hub.database.db, registration.deviceId)) ||
      (await findDeviceBySigningKey(hub.database.db, registration.signingKey))
    ) {
      throw new AppError("conflict", "This device is already registered.");
    }
  }
  const rootLeaves = row.kind === "bootstrap" ? networkRootLeaves(hub, person, body) : [];
  const passwordHash = needsExistingPassword
    ? person.passwordHash
    : await hashPassword(body.password);

  return hub.database.db.transaction(async (tx) => {
    if (!(await consumeEnrolmentCode(tx, row.id, now))) {
      throw new AppError("enrolment_code_used", "This code was already used.");
    }
    const updated = await updatePerson(tx, person.id, {
      status: person.status === "invited" ? "active" : person.status,
      passwordHash,
      totpSecretEncrypted: hub.secrets.seal(totpSecret),
      totpLastStep: totpStep,
      updatedAt: now,
    });
    if (!updated) throw new AppError("not_found", "The person no longer exists.");
    let deviceRow = null;
    if (device) {
      const isRoot = row.kind === "bootstrap";
      deviceRow = await insertDevice(tx, {
        id: device.registration.deviceId,
        personId: person.id,
        name: device.registration.deviceName,
        signingKey: device.registration.signingKey,
        encryptionKey: device.registration.encryptionKey,
        registration: canonicalJson(device.registration),
        selfSignature: device.selfSignature,
        status: isRoot ? "active" : "pending",
        createdAt: now,
        approvedAt: isRoot ? now : null,
      });
      if (isRoot) {
        await writeHubMeta(tx, ROOT_DEVICE_KEY, deviceRow.id, now);
        await hub.log.appendInTransaction(tx, rootLeaves);
      }
    }
    return { person: presentPerson(updated), device: deviceRow ? presentDevice(deviceRow) : null };
  });
}

/**
 * The first two leaves of the log, signed by the new root device itself: the first
 * administrator's role, then the root device. Required when redeeming the bootstrap code.
 */
function networkRootLeaves(
  hub: HubContext,
  person: PersonRow,
  body: z.infer<typeof enrolmentCompleteBodySchema>,
): SignedLeaf[] {
  if (!body.device || !body.log) {
    throw new AppError("validation_failed", "The root device signs the log's first entries.", [
      { path: "body.log", message: "required with the bootstrap code" },
    ]);
  }
  const { registration, selfSignature } = body.device;
  const signer = { deviceId: registration.deviceId, signingKey: registration.signingKey };
  const role = roleGrantedEntry({
    personId: person.id,
    username: person.username,
    role: person.role,
    country: person.country,
    at: body.log.roleGranted.at,
  });
  const device = deviceEnrolledEntry({
    registration,
    selfSignature,
    countersignature: null,
    countersignedBy: null,
    at: body.log.deviceEnrolled.at,
  });
  return [
    signedLeaf(hub, role, body.log.roleGranted, signer),
    signedLeaf(hub, device, body.log.deviceEnrolled, signer),
  ];
}
