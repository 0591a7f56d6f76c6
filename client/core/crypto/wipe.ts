import { getSodium } from "./sodium.ts";

/**
 * Overwrites `bytes` with zeros in place. `sodium.memzero` is used rather than
 * `fill(0)` because it is written not to be optimised away. Call it on private
 * keys, derived keys and plaintexts as soon as they are no longer needed.
 */
export function wipe(bytes: Uint8Array): void {
  getSodium().memzero(bytes);
}
