import { toBase64Url } from "#shared/encoding";
import { CryptoError } from "./errors.ts";

// Web Crypto refuses more than 65,536 bytes per getRandomValues call.
const MAX_BYTES_PER_CALL = 65_536;

/**
 * Returns `n` cryptographically secure random bytes. Uses Web Crypto
 * (`globalThis.crypto`, present in Node 20 and browsers) rather than
 * libsodium's `randombytes_buf`, which is much slower through the WASM boundary,
 * and needs no `ready()`.
 */
export function randomBytes(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new CryptoError("invalid_input", `randomBytes: ${n} is not a non-negative integer`);
  }
  const bytes = new Uint8Array(n);
  for (let offset = 0; offset < n; offset += MAX_BYTES_PER_CALL) {
    globalThis.crypto.getRandomValues(bytes.subarray(offset, offset + MAX_BYTES_PER_CALL));
  }
  return bytes;
}

/**
 * Returns a random base64url token of `bytes` random bytes (32 by default:
 * 256 bits, enough for challenges, ids and one-time codes that must not be guessed).
 */
export function randomToken(bytes = 32): string {
  return toBase64Url(randomBytes(bytes));
}
