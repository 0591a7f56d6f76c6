import type { DeviceRegistration, Role } from "../api/identity";
import type { LogEntry } from "./entries";

/**
 * Builders of the identity entries of the transparency log. Client and hub build the same
 * entry from the same facts: the client signs it (context `log-entry`), the hub rebuilds it from
 * the request and its own records and checks the signature before appending the leaf.
 */
export function roleGrantedEntry(fact: {
  personId: string;
  username: string;
  role: Role;
  country: string | null;
  at: string;
}): LogEntry {
  return { v: 1, type: "role-granted", ...fact };
}

export function personSuspendedEntry(fact: { personId: string; at: string }): LogEntry {
  return { v: 1, type: "person-suspended", ...fact };
}

export function personReactivatedEntry(fact: { personId: string; at: string }): LogEntry {
  return { v: 1, type: "person-reactivated", ...fact };
}

export function deviceEnrolledEntry(fact: {
  registration: DeviceRegistration;
  selfSignature: string;
  countersignature: string | null;
  countersignedBy: string | null;
  at: string;
}): LogEntry {
  return { v: 1, type: "device-enrolled", ...fact };
}

export function deviceRevokedEntry(fact: { deviceId: string; at: string }): LogEntry {
  return { v: 1, type: "device-revoked", ...fact };
}
