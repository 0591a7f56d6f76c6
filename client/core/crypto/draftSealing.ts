import { z } from "zod";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import type { DeviceKeys } from "./deviceKeys.ts";
import { CryptoError } from "./errors.ts";
import { randomBytes } from "./random.ts";
import { getSodium } from "./sodium.ts";

const SEALED_DRAFT_VERSION = 1;
const SEALED_DRAFT_ALGORITHM = "xchacha20poly1305-ietf";
// crypto_kdf contexts are exactly 8 characters; subkey 1 of this context is the drafts' key.
const DRAFT_KEY_CONTEXT = "rlsdraft";
const DRAFT_KEY_ID = 1;
// Padded to whole blocks, so that the stored size tells little about what was typed.
const PADDING_BLOCK = 1024;

/**
 * Data a device keeps for itself only (e.g. an MLA draft in the browser's storage), encrypted
 * under a key derived from the device's own X25519 secret key. JSON-serialisable; every binary
 * field is base64url.
 */
export const sealedDraftSchema = z.object({
  /** Format version; bumped on any incompatible change. */
  v: z.literal(SEALED_DRAFT_VERSION),
  /** The AEAD: XChaCha20-Poly1305-IETF under the derived key. */
  alg: z.literal(SEALED_DRAFT_ALGORITHM),
  /** Random 24-byte nonce, fresh for every sealing. */
  nonce: z.base64url(),
  /** The padded plaintext, encrypted, followed by its Poly1305 tag. */
  ciphertext: z.base64url(),
});

/** A draft sealed for its device, see `sealedDraftSchema`. */
export type SealedDraft = z.infer<typeof sealedDraftSchema>;

/**
 * The drafts' key: BLAKE2b (`crypto_kdf`) of the device's X25519 secret key under a context of
 * its own, so it is never the key used to receive epoch keys. Refuses a wiped (all-zero) key,
 * which would otherwise seal under a key anyone knows.
 */
function draftKey(keys: DeviceKeys): Uint8Array {
  const sodium = getSodium();
  const secret = keys.encryption.privateKey;
  if (!(secret instanceof Uint8Array) || secret.length !== sodium.crypto_box_SECRETKEYBYTES) {
    throw new CryptoError("invalid_input", "the device's encryption key has the wrong length");
  }
  if (sodium.is_zero(secret)) {
    throw new CryptoError("invalid_input", "the device's keys were wiped: unlock them again");
  }
  return sodium.crypto_kdf_derive_from_key(
    sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
    DRAFT_KEY_ID,
    DRAFT_KEY_CONTEXT,
    secret,
  );
}

/** What the AEAD authenticates besides the text: the format and where the draft is kept. */
function associatedData(label: string): Uint8Array {
  return new TextEncoder().encode(`relais draft v${SEALED_DRAFT_VERSION}\n${label}`);
}

/**
 * Seals `plaintext` for the device that owns `keys`: only the same device keys open it. `label`
 * names where the sealed draft is kept (e.g. its storage key); opening it under another label
 * fails, so a stored draft cannot be swapped with another one.
 */
export function sealDraft(plaintext: Uint8Array, keys: DeviceKeys, label: string): SealedDraft {
  const sodium = getSodium();
  if (!(plaintext instanceof Uint8Array)) {
    throw new CryptoError("invalid_input", "the draft to seal must be a Uint8Array");
  }
  const key = draftKey(keys);
  const padded = sodium.pad(plaintext, PADDING_BLOCK);
  try {
    const nonce = randomBytes(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      padded,
      associatedData(label),
      null,
      nonce,
      key,
    );
    return {
      v: SEALED_DRAFT_VERSION,
      alg: SEALED_DRAFT_ALGORITHM,
      nonce: toBase64Url(nonce),
      ciphertext: toBase64Url(ciphertext),
    };
  } finally {
    sodium.memzero(key);
    sodium.memzero(padded);
  }
}

/**
 * Opens a draft sealed by {@link sealDraft} with the same device keys and label. Throws
 * `CryptoError`: `unsupported_format` for an unknown version or algorithm, `invalid_input` for a
 * malformed box, `decryption_failed` when it was sealed by another device, under another label,
 * or tampered with.
 */
export function openDraft(sealed: unknown, keys: DeviceKeys, label: string): Uint8Array {
  const sodium = getSodium();
  if (typeof sealed === "object" && sealed !== null && "v" in sealed) {
    if (sealed.v !== SEALED_DRAFT_VERSION) {
      throw new CryptoError("unsupported_format", `unsupported draft version ${String(sealed.v)}`);
    }
    if ("alg" in sealed && sealed.alg !== SEALED_DRAFT_ALGORITHM) {
      throw new CryptoError(
        "unsupported_format",
        `unsupported draft algorithm ${String(sealed.alg)}`,
      );
    }
  }
  const parsed = sealedDraftSchema.safeParse(sealed);
  if (!parsed.success) {
    throw new CryptoError("invalid_input", "the sealed draft does not match its schema", {
      cause: parsed.error,
    });
  }
  const nonce = fromBase64Url(parsed.data.nonce);
  if (nonce.length !== sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES) {
    throw new CryptoError("invalid_input", "the sealed draft's nonce has the wrong length");
  }
  const key = draftKey(keys);
  let padded: Uint8Array;
  try {
    padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      fromBase64Url(parsed.data.ciphertext),
      associatedData(label),
      nonce,
      key,
    );
  } catch (cause) {
    throw new CryptoError("decryption_failed", "the draft does not open with this device's keys", {
      cause,
    });
  } finally {
    sodium.memzero(key);
  }
  try {
    return sodium.unpad(padded, PADDING_BLOCK).slice();
  } catch (cause) {
    throw new CryptoError("decryption_failed", "the opened draft is not padded as sealed", {
      cause,
    });
  } finally {
    sodium.memzero(padded);
  }
}
