import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "./database";
import type { Executor } from "./executor";
import { hubMeta } from "./schema";

/** The persistent identity of a hub's database. */
export interface HubIdentity {
  instanceId: string;
  createdAt: string;
}

/** Reads the instance id and creation time, creating them on the first start. */
export async function ensureHubIdentity(db: Db): Promise<HubIdentity> {
  const now = new Date().toISOString();
  await db
    .insert(hubMeta)
    .values([
      { key: "instance_id", value: randomUUID() },
      { key: "created_at", value: now },
    ])
    .onConflictDoNothing();
  const rows = await db.select().from(hubMeta);
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  return { instanceId: value("instance_id") ?? "", createdAt: value("created_at") ?? now };
}

/** Reads one meta value, or undefined. */
export async function readHubMeta(db: Executor, key: string): Promise<string | undefined> {
  const rows = await db.select().from(hubMeta).where(eq(hubMeta.key, key));
  return rows[0]?.value;
}

/** Writes one meta value (insert or replace). */
export async function writeHubMeta(
  db: Executor,
  key: string,
  value: string,
  now: Date,
): Promise<void> {
  await db
    .insert(hubMeta)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: hubMeta.key, set: { value, updatedAt: now } });
}

/** The hub_meta key of the network root device: the bootstrap administrator's first device. */
export const ROOT_DEVICE_KEY = "root_device_id";

/** Stores `value` under `key` unless a value is there already; returns the stored value. */
export async function claimHubMeta(
  db: Executor,
  key: string,
  value: string,
  now: Date,
): Promise<string> {
  await db.insert(hubMeta).values({ key, value, updatedAt: now }).onConflictDoNothing();
  return (await readHubMeta(db, key)) ?? value;
}
