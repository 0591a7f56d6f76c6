import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "./executor";
import { devices, persons } from "./schema";

export type DeviceRow = typeof devices.$inferSelect;

export async function insertDevice(
  db: Executor,
  device: typeof devices.$inferInsert,
): Promise<DeviceRow> {
  const [row] = await db.insert(devices).values(device).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function findDevice(db: Executor, id: string): Promise<DeviceRow | undefined> {
  const [row] = await db.select().from(devices).where(eq(devices.id, id));
  return row;
}

export async function findDeviceBySigningKey(
  db: Executor,
  signingKey: string,
): Promise<DeviceRow | undefined> {
  const [row] = await db.select().from(devices).where(eq(devices.signingKey, signingKey));
  return row;
}

export function listDevicesOfPerson(db: Executor, personId: string): Promise<DeviceRow[]> {
  return db
    .select()
    .from(devices)
    .where(eq(devices.personId, personId))
    .orderBy(asc(devices.createdAt));
}

/** Pending devices with their owners, optionally limited to some owners or one country. */
export function listPendingDevices(
  db: Executor,
  filter: { personIds?: string[]; country?: string; roles?: string[] },
) {
  return db
    .select({ device: devices, owner: persons })
    .from(devices)
    .innerJoin(persons, eq(devices.personId, persons.id))
    .where(
      and(
        eq(devices.status, "pending"),
        filter.personIds ? inArray(devices.personId, filter.personIds) : undefined,
        filter.country ? eq(persons.country, filter.country) : undefined,
        filter.roles
          ? inArray(persons.role, filter.roles as (typeof persons.role.enumValues)[number][])
          : undefined,
      ),
    )
    .orderBy(asc(devices.createdAt));
}

/** Activates a pending device with its countersignature; undefined if it was not pending. */
export async function approveDevice(
  db: Executor,
  id: string,
  approval: { countersignature: string; countersignedBy: string; approvedAt: Date },
): Promise<DeviceRow | undefined> {
  const [row] = await db
    .update(devices)
    .set({ ...approval, status: "active" })
    .where(and(eq(devices.id, id), eq(devices.status, "pending")))
    .returning();
  return row;
}

/** Revokes a device that is not revoked yet; undefined otherwise. */
export async function revokeDevice(
  db: Executor,
  id: string,
  revocation: { revokedAt: Date; revokedBy: string },
): Promise<DeviceRow | undefined> {
  const [row] = await db
    .update(devices)
    .set({ ...revocation, status: "revoked" })
    .where(and(eq(devices.id, id), inArray(devices.status, ["pending", "active"])))
    .returning();
  return row;
}
