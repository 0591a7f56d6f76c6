import { canonicalJsonBytes } from "./log/canonicalJson";

/**
 * Every domain-separated signature in Relais covers `"relais/v1/" + context + "\0"` followed by
 * the statement bytes (RFC 8785 canonical JSON of a statement object), so a signature made for
 * one purpose never verifies for another. Client and hub build the signed bytes here.
 */
export const STATEMENT_PREFIX = "relais/v1/";

/** The purposes a device key signs for. */
export const SignatureContexts = {
  /** A device's own registration entry (its public keys and owner). */
  deviceRegistration: "device-registration",
  /** The enrolling authority's countersignature of a registration entry. */
  deviceCountersignature: "device-countersignature",
  /** The hub's login challenge, proving possession of the device key. */
  loginChallenge: "login-challenge",
  /** An entry appended to the transparency log, signed by the acting device. */
  logEntry: "log-entry",
  /** A tree head of the transparency log, signed by the hub's log key. */
  treeHead: "tree-head",
  /** A channel epoch: its wrapped keys, signed by the device that starts it. */
  channelEpoch: "channel-epoch",
  /** A channel message envelope, signed by its sender device. */
  message: "message",
} as const;

export type SignatureContext = (typeof SignatureContexts)[keyof typeof SignatureContexts];

/** The exact bytes signed for `statementBytes` under `context`. */
export function statementMessage(context: string, statementBytes: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(`${STATEMENT_PREFIX}${context}\0`);
  const signed = new Uint8Array(header.length + statementBytes.length);
  signed.set(header, 0);
  signed.set(statementBytes, header.length);
  return signed;
}

/** The canonical bytes of a statement object, as signed. */
export function statementBytes(statement: unknown): Uint8Array {
  return canonicalJsonBytes(statement);
}
