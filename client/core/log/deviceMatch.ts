import type { DeviceView } from "#shared/api/identity";
import { canonicalJson } from "#shared/log/canonicalJson";
import type { LoggedDevice } from "./chainRecords.ts";
import type { AlertDetails } from "./securityAlert.ts";

/**
 * How a device served by the hub differs from its `device-enrolled` leaf, or null if it is the
 * same device: same id and owner, the same registration byte for byte (keys included), the same
 * self-signature and the same countersignature by the same device.
 */
export function deviceMismatch(device: DeviceView, logged: LoggedDevice): AlertDetails | null {
  const { entry } = logged;
  const same =
    device.id === logged.deviceId &&
    device.personId === logged.personId &&
    canonicalJson(device.registration) === canonicalJson(entry.registration) &&
    device.selfSignature === entry.selfSignature &&
    device.countersignature === entry.countersignature &&
    device.countersignedBy === entry.countersignedBy;
  if (same) return null;
  return {
    deviceId: device.id,
    leafIndex: logged.index,
    loggedSigningKey: entry.registration.signingKey,
    servedSigningKey: device.registration.signingKey,
    loggedEncryptionKey: entry.registration.encryptionKey,
    servedEncryptionKey: device.registration.encryptionKey,
    loggedCountersignedBy: entry.countersignedBy,
    servedCountersignedBy: device.countersignedBy,
  };
}
