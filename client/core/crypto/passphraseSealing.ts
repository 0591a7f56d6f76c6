import { z } from "zod";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import { CryptoError } from "./errors.ts";
import { randomBytes } from "./random.ts";
import { getSodium } from "./sodium.ts";

const SEALED_BOX_VERSION = 1;
const SEALED_BOX_KDF = "argon2id13";

/**
 * Data sealed under a passphrase: Argon2id13 derives a key from the
 * passphrase and the salt, `crypto_secretbox_easy` (XSalsa20-Poly1305)
 * encrypts. JSON-serialisable; every binary field is base64url.
 */
export const sealedBoxSchema = z.object({
  /** Format version; bumped on any incompatible change. */
  v: z.literal(SEALED_BOX_VERSION),
  /** Key derivation function. */
  kdf: z.literal(SEALED_BOX_KDF),
  /** Argon2id passes, as chosen when sealing; bounded when opening. */
  opslimit: z.number().int().positive(),
  /** Argon2id memory in bytes, as chosen when sealing; bounded when opening. */
  memlimit: z.number().int().positive(),
  /** Random Argon2id salt (crypto_pwhash_SALTBYTES). */
  salt: z.base64url(),
  /** Random secretbox nonce (crypto_secretbox_NONCEBYTES). */
  nonce: z.base64url(),
  /** Encrypted plaintext followed by its Poly1305 tag. */
  ciphertext: z.base64url(),
});

/** A passphrase-sealed box, see `sealedBoxSchema`. */
export type SealedBox = z.infer<typeof sealedBoxSchema>;

/**
 * Argon2id cost of a new box. "moderate" (the default, ~1 s and 256 MiB) is
 * for keys at rest; "interactive" (~0.3 s, 64 MiB) for tests and weak devices.
 */
export type SealingStrength = "interactive" | "moderate";

/** Options of `sealWithPassphrase`. */
export interface SealOptions {
  /** Argon2id cost; defaults to "moderate". */
  strength?: SealingStrength;
}

/**
 * Encrypts `plaintext` under a key derived from `passphrase`, with a fresh
 * random salt and nonce. Synchronous and CPU-bound for the whole derivation:
 * in a browser, call it from a worker. Throws `invalid_input` on an empty
 * passphrase, which would make the box worthless.
 */
export function sealWithPassphrase(
  plaintext: Uint8Array,
  passphrase: string,
  opts: SealOptions = {},
): SealedBox {
  const sodium = getSodium();
  if (!(plaintext instanceof Uint8Array)) {
    throw new CryptoError("invalid_input", "the plaintext to seal must be a Uint8Array");
  }
  if (typeof passphrase !== "string" || passphrase.length === 0) {
    throw new CryptoError("invalid_input", "the passphrase must be a non-empty string");
  }
  const { opslimit, memlimit } = strengthLimits(opts.strength ?? "moderate");
  const salt = randomBytes(sodium.crypto_pwhash_SALTBYTES);
  const nonce = randomBytes(sodium.crypto_secretbox_NONCEBYTES);
  const key = deriveKey(passphrase, salt, opslimit, memlimit);
  try {
    const ciphertext = sodium.crypto_secretbox_easy(plaintext, nonce, key);
    return {
      v: SEALED_BOX_VERSION,
      kdf: SEALED_BOX_KDF,
      opslimit,
      memlimit,
      salt: toBase64Url(salt),
      nonce: toBase64Url(nonce),
      ciphertext: toBase64Url(ciphertext),
    };
  } finally {
    sodium.memzero(key);
  }
}

/**
 * Decrypts a box made by `sealWithPassphrase`. Throws `CryptoError`:
 * `wrong_passphrase` for a wrong passphrase or a tampered box (the two cannot
 * be told apart), `unsupported_format` for an unknown version or KDF,
 * `unsafe_kdf_parameters` for Argon2id limits below libsodium's interactive
 * minimums or above its sensitive maximums (checked before any derivation),
 * `invalid_input` for a structurally malformed box.
 */
export function openWithPassphrase(sealed: SealedBox, passphrase: string): Uint8Array {
  const sodium = getSodium();
  // `sealed` usually comes straight from JSON.parse: trust nothing about it.
  const raw: unknown = sealed;
  if (typeof raw !== "object" || raw === null) {
    throw new CryptoError("invalid_input", "a sealed box must be an object");
  }
  if (!("v" in raw) || raw.v !== SEALED_BOX_VERSION) {
    throw new CryptoError("unsupported_format", "unsupported sealed box version");
  }
  if (!("kdf" in raw) || raw.kdf !== SEALED_BOX_KDF) {
    throw new CryptoError("unsupported_format", "unsupported sealed box key derivation");
  }
  const parsed = sealedBoxSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CryptoError("invalid_input", "the sealed box does not match its schema", {
      cause: parsed.error,
    });
  }
  const box = parsed.data;
  assertSafeLimits(box.opslimit, box.memlimit);
  const salt = decodeField(box.salt, "salt");
  const nonce = decodeField(box.nonce, "nonce");
  const ciphertext = decodeField(box.ciphertext, "ciphertext");
  if (
    salt.length !== sodium.crypto_pwhash_SALTBYTES ||
    nonce.length !== sodium.crypto_secretbox_NONCEBYTES ||
    ciphertext.length < sodium.crypto_secretbox_MACBYTES
  ) {
    throw new CryptoError("invalid_input", "the sealed box has a field of the wrong length");
  }
  if (typeof passphrase !== "string") {
    throw new CryptoError("invalid_input", "the passphrase must be a string");
  }
  const key = deriveKey(passphrase, salt, box.opslimit, box.memlimit);
  try {
    return sodium.crypto_secretbox_open_easy(ciphertext, nonce, key);
  } catch (cause) {
    throw new CryptoError("wrong_passphrase", "wrong passphrase, or the sealed box was altered", {
      cause,
    });
  } finally {
    sodium.memzero(key);
  }
}

function strengthLimits(strength: SealingStrength): { opslimit: number; memlimit: number } {
  const sodium = getSodium();
  switch (strength) {
    case "interactive":
      return {
        opslimit: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
        memlimit: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
      };
    case "moderate":
      return {
        opslimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE,
        memlimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE,
      };
    default:
      throw new CryptoError("invalid_input", `unknown sealing strength ${String(strength)}`);
  }
}

// The limits come from the box, i.e. from whoever wrote the file: below the
// interactive level a stolen file would be cheap to brute-force (and a
// tampered one could downgrade us), above the sensitive level a hostile file
// could pin the CPU or exhaust memory. The *_MAX constants are not used: the
// JS binding reports them as negative numbers (integer overflow).
function assertSafeLimits(opslimit: number, memlimit: number): void {
  const sodium = getSodium();
  if (
    opslimit < sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE ||
    opslimit > sodium.crypto_pwhash_OPSLIMIT_SENSITIVE ||
    memlimit < sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE ||
    memlimit > sodium.crypto_pwhash_MEMLIMIT_SENSITIVE
  ) {
    throw new CryptoError(
      "unsafe_kdf_parameters",
      `Argon2id limits out of the accepted range (opslimit ${opslimit}, memlimit ${memlimit})`,
    );
  }
}

function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  opslimit: number,
  memlimit: number,
): Uint8Array {
  const sodium = getSodium();
  // NFC so that the same passphrase typed on systems that compose accents
  // differently (macOS input produces NFD) derives the same key. Encoded by
  // hand so that the bytes can be wiped; the string itself cannot.
  const passphraseBytes = new TextEncoder().encode(passphrase.normalize("NFC"));
  try {
    return sodium.crypto_pwhash(
      sodium.crypto_secretbox_KEYBYTES,
      passphraseBytes,
      salt,
      opslimit,
      memlimit,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
  } finally {
    sodium.memzero(passphraseBytes);
  }
}

function decodeField(text: string, what: string): Uint8Array {
  try {
    return fromBase64Url(text);
  } catch (cause) {
    throw new CryptoError("invalid_input", `the sealed box ${what} is not valid base64url`, {
      cause,
    });
  }
}
