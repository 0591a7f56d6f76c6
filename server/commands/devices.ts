import type { z } from "zod";
import type { DeviceView, issuedCodeSchema } from "#shared/api/identity";
import { deviceRegistrationSchema } from "#shared/api/identity";
import { SignatureContexts } from "#shared/signing";
import type { HubContext } from "../context";
import { AppError } from "../errors";
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
 * that the new key chains back to the network root through the approver's device.
 */
export async function approvePendingDevice(
  hub: HubContext,
  actor: AuthenticatedActor,
  deviceId: string,
  countersignature: string,
): Promise<DeviceView> {
  const { device } = await deviceInScope(hub, actor, deviceId);
  if (device.status !== "pending")
    throw new AppError("conflict", "This device is not awaiting approval.");
  const approver = await findDevice(hub.database.db, actor.deviceId);
  if (approver?.status !== "active")
    throw new AppError("device_revoked", "Your device is not active.");
  const registration = deviceRegistrationSchema.parse(JSON.parse(device.registration));
  if (
    !verifyDeviceStatement(
      SignatureContexts.deviceCountersignature,
      registration,
      countersignature,
      approver.signingKey,
    )
  ) {
    throw new AppError(
      "invalid_device_signature",
      "The countersignature does not verify with your device key.",
    );
  }
  const approved = await approveDevice(hub.database.db, device.id, {
    countersignature,
    countersignedBy: approver.id,
    approvedAt: hub.now(),
  });
  if (!approved) throw new AppError("conflict", "This device is not awaiting approval.");
  return presentDevice(approved);
}

/** Revokes a device: its sessions end and its sockets are cut at once. */
export async function revokeDeviceOf(
  hub: HubContext,
  actor: AuthenticatedActor,
  deviceId: string,
): Promise<DeviceView> {
  const { device } = await deviceInScope(hub, actor, deviceId);
  const revoked = await revokeDevice(hub.database.db, device.id, {
    revokedAt: hub.now(),
    revokedBy: actor.deviceId,
  });
  if (!revoked) throw new AppError("conflict", "This device is already revoked.");
  await hub.sessions.revoke({ deviceId: device.id }, "device_revoked");
  return presentDevice(revoked);
}
