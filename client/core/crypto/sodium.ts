// The only module in the project that imports libsodium (STYLE.md §4). The
// sumo build is required: the standard build lacks crypto_pwhash (Argon2id).
import sodium from "libsodium-wrappers-sumo";
import { CryptoError } from "./errors.ts";

let initialised = false;

/**
 * Resolves once libsodium's WebAssembly module is loaded. Must be awaited
 * before any other function of this folder; idempotent and cheap afterwards.
 */
export async function ready(): Promise<void> {
  await sodium.ready;
  initialised = true;
}

/**
 * Returns the initialised libsodium instance. Before `ready()` resolves its
 * functions are simply missing (the error would be "x is not a function"),
 * so we fail early with a clear, typed error instead.
 */
export function getSodium(): typeof sodium {
  if (!initialised) {
    throw new CryptoError("not_ready", "libsodium is not initialised: await ready() first");
  }
  return sodium;
}
