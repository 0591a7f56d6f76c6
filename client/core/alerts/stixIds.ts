import { sha1 } from "@noble/hashes/legacy.js";

/**
 * The namespace of Relais's own name-based identifiers (a random UUID fixed once): the STIX
 * extension definition and the identities that are not derived from an alert.
 */
export const relaisStixNamespace = "cbc8e11f-bded-4170-998d-d512bf5adab3";

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replaceAll("-", "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`not a UUID: ${uuid}`);
  const bytes = new Uint8Array(16);
  for (let index = 0; index < 16; index++) {
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}

function formatUuid(bytes: Uint8Array): string {
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A name-based UUID, version 5 (RFC 9562 §5.5: SHA-1 of the namespace's bytes and the name's
 * UTF-8). STIX recommends UUIDv5 for objects whose identity follows from their content, and it
 * makes the same alert give the same bundle.
 */
export function uuidV5(namespace: string, name: string): string {
  const prefix = uuidBytes(namespace);
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(prefix.length + nameBytes.length);
  input.set(prefix, 0);
  input.set(nameBytes, prefix.length);
  const bytes = sha1(input).slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return formatUuid(bytes);
}

/**
 * The STIX id of one object of an alert's bundle: `type--UUIDv5(alert id, role)`, where the role
 * says which part of the alert the object stands for (`network`, `waypoint/2`, `mode/bus`...).
 * Versions of one alert keep their ids, as STIX versioning expects (only `modified` changes).
 */
export function alertStixId(type: string, alertId: string, role: string): string {
  return `${type}--${uuidV5(alertId, role)}`;
}
