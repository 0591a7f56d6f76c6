import type { z } from "zod";
import type { DeviceView, PersonView } from "#shared/api/identity";
import { deviceRegistrationSchema, type sessionViewSchema } from "#shared/api/identity";
import type { DeviceRow } from "../store/devices";
import type { PersonRow } from "../store/persons";
import type { SessionRow } from "../store/sessions";

/** What clients see of a person: never hashes or secrets. */
export function presentPerson(row: PersonRow): PersonView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    country: row.country,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentDevice(row: DeviceRow): DeviceView {
  return {
    id: row.id,
    personId: row.personId,
    name: row.name,
    status: row.status,
    registration: deviceRegistrationSchema.parse(JSON.parse(row.registration)),
    selfSignature: row.selfSignature,
    countersignature: row.countersignature,
    countersignedBy: row.countersignedBy,
    createdAt: row.createdAt.toISOString(),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export function presentSession(row: SessionRow): z.infer<typeof sessionViewSchema> {
  return {
    id: row.id,
    kind: row.kind,
    deviceId: row.deviceId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
