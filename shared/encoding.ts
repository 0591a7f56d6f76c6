import { base64urlnopad } from "@scure/base";

/** Encodes bytes as unpadded base64url, the wire form of every binary value (STYLE.md §4). */
export function toBase64Url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

/** Decodes unpadded base64url; throws on any character outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array {
  return base64urlnopad.decode(text);
}
