import type { DeviceKeys } from "#client/core/crypto/index";
import { openKeys, sealKeys } from "../crypto/keySealing.ts";
import { type DeviceKeyRecord, type DeviceMeta, deviceKeyRecordSchema } from "./deviceKeyRecord.ts";
import { idbGet, idbPut, StorageUnavailableError } from "./idb.ts";

/**
 * The device enrolled in this browser for `hubUrl`, without its keys (they stay sealed), or
 * null if this browser has none for that hub.
 */
export async function loadDeviceRecord(hubUrl: string): Promise<DeviceKeyRecord | null> {
  const raw = await idbGet("deviceKeys", hubUrl);
  if (raw === undefined) return null;
  const parsed = deviceKeyRecordSchema.safeParse(raw);
  if (!parsed.success) {
    throw new StorageUnavailableError("the stored device keys are unreadable", {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/**
 * Seals `keys` under `passphrase` and stores them with `meta`, replacing any device this
 * browser held for the same hub. The private keys are never written unsealed.
 */
export async function storeDeviceKeys(
  keys: DeviceKeys,
  passphrase: string,
  meta: DeviceMeta,
): Promise<DeviceKeyRecord> {
  const record = deviceKeyRecordSchema.parse({
    v: 1,
    meta,
    sealed: await sealKeys(keys, passphrase),
  });
  await idbPut("deviceKeys", meta.hubUrl, record);
  return record;
}

/** Opens the stored keys with the passphrase. */
export function unlockDeviceKeys(record: DeviceKeyRecord, passphrase: string): Promise<DeviceKeys> {
  return openKeys(record.sealed, passphrase);
}
