import { fromBase64Url } from "#shared/encoding";
import type { LogEntry } from "#shared/log/entries";

/** A `device-enrolled` entry. */
export type DeviceEnrolledEntry = Extract<LogEntry, { type: "device-enrolled" }>;

/** Why the log stops being trustworthy at a leaf. */
export interface ChainProblem {
  /** Index of the first leaf that is wrong. */
  readonly index: number;
  /** `invalid_leaf`: unreadable or badly signed; `broken_chain`: does not chain to the root. */
  readonly kind: "invalid_leaf" | "broken_chain";
  readonly reason: string;
}

/** A device as the log enrols it. */
export interface LoggedDevice {
  readonly deviceId: string;
  readonly personId: string;
  /** Index of its `device-enrolled` leaf. */
  readonly index: number;
  /** The exact bytes of that leaf, for inclusion proofs. */
  readonly leafBytes: Uint8Array;
  readonly entry: DeviceEnrolledEntry;
  readonly signingKey: Uint8Array;
  /** Index of the `device-revoked` leaf that revoked it, or null. */
  revokedAt: number | null;
}

/** A leaf's signature, waiting to be checked. */
export interface PendingLeaf {
  readonly index: number;
  readonly signer: string;
  readonly signature: Uint8Array;
  readonly statement: Uint8Array;
}

/** Decodes base64url; null if it is not. */
export function decoded(text: string): Uint8Array | null {
  try {
    return fromBase64Url(text);
  } catch {
    return null;
  }
}

/** A leaf that is unreadable or badly signed. */
export function invalid(index: number, reason: string): ChainProblem {
  return { index, kind: "invalid_leaf", reason };
}

/** A leaf that does not chain back to the network root. */
export function broken(index: number, reason: string): ChainProblem {
  return { index, kind: "broken_chain", reason };
}
