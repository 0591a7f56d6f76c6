import type { z } from "zod";
import type { DeviceView, issuedCodeSchema, LogSignature } from "#shared/api/identity";
import { deviceRegistrationSchema } from "#shared/api/identity";
import { deviceEnrolledEntry, deviceRevokedEntry } from "#shared/log/identityEntries";
import { SignatureContexts } from "#shared/signing";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import { actorSignedLeaf, signedLeaf } from "../identity/logLeaves";
import { verifyDeviceStatement } from "../identity/signatures";
import type { AuthenticatedActor } from "../policies/actor";
import { canActOnDevice, canSeePerson } from "../policies/identity";
import { presentDevice } from "../presenters/identity";
import {
  approveDevice,
  findDevice,
  listDevicesOfPerson,
  listPendingDevices,
  revokeDevice,
} from "../store/devices";
import { findPersonById } from "../store/persons";
import { issueCode } from "./issueCode";

export async function listMyDevices(
  hub: HubContext,
  actor: AuthenticatedActor,
): Promise<DeviceView[]> {
  return (await listDevicesOfPerson(hub.database.db, actor.personId)).map(presentDevice);
}

export async function listDevicesOfManagedPerson(
  hub: HubContext,
  actor: AuthenticatedActor,
  personId: string,
): Promise<DeviceView[]> {
  const person = await findPersonById(hub.database.db, personId);
  if (!person) throw new AppError("not_found", "No such person.");
  if (!canSeePerson(actor, person))
    throw new AppError("forbidden", "This person is outside your authority.");
  return (await listDevicesOfPerson(hub.database.db, person.id)).map(presentDevice);
}

/** Pending devices the actor may approve: their own, and those of people they manage. */
export async function listApprovableDevices(
  hub: HubContext,
  actor: AuthenticatedActor,
): Promise<DeviceView[]> {
  const rows = await listPendingDevices(hub.database.db, {});
  return rows
    .filter(({ owner }) => canActOnDevice(actor, owner).allowed)
    .map(({ device }) => presentDevice(device));
}

/** A code for adding another device of one's own; the new device then awaits approval. */
export function issueDeviceCode(
  hub: HubContext,
  actor: AuthenticatedActor,
): Promise<z.infer<typeof issuedCodeSchema>> {
  return issueCode(hub, hub.database.db, actor, actor.personId, "device");
}

async function deviceInScope(hub: HubContext, actor: AuthenticatedActor, deviceId: string) {
  const device = await findDevice(hub.database.db, deviceId);
  const owner = device ? await findPersonById(hub.database.db, device.personId) : undefined;
  if (!device || !owner) throw new AppError("not_found", "No such device.");
  const decision = canActOnDevice(actor, owner);
  if (!decision.allowed)
    throw new AppError(decision.code, "This device is outside your authority.");
  return { device, owner };
}

/**
 * Approves a pending device with the acting device's countersignature of its registration, so
 * that the new key chains back to the network root through the approver's device. The
 * `device-enrolled` entry, signed by the approver, is logged in the same transaction.
 */
export async function approvePendingDevice(
  hub: HubContext,
  actor: AuthenticatedActor,
  deviceId: string,
  body: { countersignature: string; log: LogSignature },
): Promise<DeviceView> {
  const { device } = await deviceInScope(hub, actor, deviceId);
  if (device.status !== "pending") {
    throw new AppError("conflict", "This device is not awaiting approval.");
  }
  const approver = await findDevice(hub.database.db, actor.deviceId);
  if (approver?.status !== "active") {
    throw new AppError("device_revoked", "Your device is not active.");
  }
  const registration = deviceRegistrationSchema.parse(JSON.parse(device.registration));
  const countersigned = verifyDeviceStatement(
    SignatureContexts.deviceCountersignature,
    registration,
    body.countersignature,
    approver.signingKey,
  );
  if (!countersigned) {
    throw new AppError(
      "invalid_device_signature",
      "The countersignature does not verify with your device key.",
    );
  }
  const entry = deviceEnrolledEntry({
    registration,
    selfSignature: device.selfSignature,
    countersignature: body.countersignature,
    countersignedBy: approver.id,
    at: body.log.at,
  });
  const leaf = signedLeaf(hub, entry, body.log, {
    deviceId: approver.id,
    signingKey: approver.signingKey,
  });
  const approved = await hub.database.db.transaction(async (tx) => {
    const row = await approveDevice(tx, device.id, {
      countersignature: body.countersignature,
      countersignedBy: approver.id,
      approvedAt: hub.now(),
    });
    if (row) await hub.log.appendInTransaction(tx, [leaf]);
    return row;
  });
  if (!approved) throw new AppError("conflict", "This device is not awaiting approval.");
  return presentDevice(approved);
}

/**
 * Revokes a device, logged as `device-revoked` signed by the acting device; its sessions end and
 * its sockets are cut at once.
 */
export async function revokeDeviceOf(
  hub: HubContext,
  actor: AuthenticatedActor,
  deviceId: string,
  log: LogSignature,
): Promise<DeviceView> {
  const { device } = await deviceInScope(hub, actor, deviceId);
  const entry = deviceRevokedEntry({ deviceId: device.id, at: log.at });
  const revoked = await hub.database.db.transaction(async (tx) => {
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    const row = await revokeDevice(tx, device.id, {
      revokedAt: hub.now(),
      revokedBy: actor.deviceId,
    });
    if (row) await hub.log.appendInTransaction(tx, [leaf]);
    return row;
  });
  if (!revoked) throw new AppError("conflict", "This device is already revoked.");
  await hub.sessions.revoke({ deviceId: device.id }, "device_revoked");
  return presentDevice(revoked);
}
