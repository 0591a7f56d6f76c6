import { z } from "zod";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import { CryptoError } from "./errors.ts";
import { getSodium } from "./sodium.ts";

/** A public/private key pair as raw bytes. */
export interface KeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/**
 * A device's two long-term key pairs, created on the device and never sent
 * anywhere (DESIGN.md §6).
 */
export interface DeviceKeys {
  /**
   * Ed25519: signs registrations, login challenges, log entries, messages.
   * The private key is libsodium's 64 bytes: the seed, then the public key.
   */
  signing: KeyPair;
  /** X25519: receives wrapped epoch keys. */
  encryption: KeyPair;
}

/** The public half of a device's keys, as published in its registration entry. */
export interface PublicDeviceKeys {
  /** Ed25519 public key, base64url. */
  signingKey: string;
  /** X25519 public key, base64url. */
  encryptionKey: string;
}

/** Creates fresh Ed25519 and X25519 key pairs for a new device. */
export function generateDeviceKeys(): DeviceKeys {
  const sodium = getSodium();
  const signing = sodium.crypto_sign_keypair();
  const encryption = sodium.crypto_box_keypair();
  return {
    signing: { publicKey: signing.publicKey, privateKey: signing.privateKey },
    encryption: { publicKey: encryption.publicKey, privateKey: encryption.privateKey },
  };
}

/** Returns the public keys of `keys` in their wire form (base64url). */
export function publicDeviceKeys(keys: DeviceKeys): PublicDeviceKeys {
  return {
    signingKey: toBase64Url(keys.signing.publicKey),
    encryptionKey: toBase64Url(keys.encryption.publicKey),
  };
}

const DEVICE_KEYS_VERSION = 1;

const keyPairSchema = z.object({ publicKey: z.base64url(), privateKey: z.base64url() });

/** Serialized device keys; private material, only ever stored sealed. */
const serializedDeviceKeysSchema = z.object({
  /** Format version; bumped on any incompatible change. */
  v: z.literal(DEVICE_KEYS_VERSION),
  signing: keyPairSchema,
  encryption: keyPairSchema,
});

/**
 * Serializes device keys (private halves included) as versioned UTF-8 JSON,
 * ready to be sealed with a passphrase. The caller should `wipe` the result
 * once sealed; the intermediate JSON string cannot be wiped, a limit of JS.
 */
export function serializeDeviceKeys(keys: DeviceKeys): Uint8Array {
  assertKeyLengths(keys);
  const serialized: z.infer<typeof serializedDeviceKeysSchema> = {
    v: DEVICE_KEYS_VERSION,
    signing: {
      publicKey: toBase64Url(keys.signing.publicKey),
      privateKey: toBase64Url(keys.signing.privateKey),
    },
    encryption: {
      publicKey: toBase64Url(keys.encryption.publicKey),
      privateKey: toBase64Url(keys.encryption.privateKey),
    },
  };
  return new TextEncoder().encode(JSON.stringify(serialized));
}

/**
 * Parses the output of `serializeDeviceKeys`. Throws `CryptoError`:
 * `unsupported_format` for an unknown version, `invalid_input` for anything
 * malformed, including a public key that does not match its private key.
 */
export function deserializeDeviceKeys(bytes: Uint8Array): DeviceKeys {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new CryptoError("invalid_input", "device keys are not valid UTF-8 JSON", { cause });
  }
  if (isRecord(raw) && raw.v !== DEVICE_KEYS_VERSION) {
    throw new CryptoError("unsupported_format", `unsupported device keys version ${String(raw.v)}`);
  }
  const parsed = serializedDeviceKeysSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CryptoError("invalid_input", "device keys do not match their schema", {
      cause: parsed.error,
    });
  }
  const keys: DeviceKeys = {
    signing: {
      publicKey: decodeKey(parsed.data.signing.publicKey, "signing public key"),
      privateKey: decodeKey(parsed.data.signing.privateKey, "signing private key"),
    },
    encryption: {
      publicKey: decodeKey(parsed.data.encryption.publicKey, "encryption public key"),
      privateKey: decodeKey(parsed.data.encryption.privateKey, "encryption private key"),
    },
  };
  assertKeyLengths(keys);
  assertKeyPairsMatch(keys);
  return keys;
}

function decodeKey(text: string, what: string): Uint8Array {
  try {
    return fromBase64Url(text);
  } catch (cause) {
    throw new CryptoError("invalid_input", `${what} is not valid base64url`, { cause });
  }
}

function assertKeyLengths(keys: DeviceKeys): void {
  const sodium = getSodium();
  const expected: Array<[Uint8Array, number, string]> = [
    [keys.signing.publicKey, sodium.crypto_sign_PUBLICKEYBYTES, "signing public key"],
    [keys.signing.privateKey, sodium.crypto_sign_SECRETKEYBYTES, "signing private key"],
    [keys.encryption.publicKey, sodium.crypto_box_PUBLICKEYBYTES, "encryption public key"],
    [keys.encryption.privateKey, sodium.crypto_box_SECRETKEYBYTES, "encryption private key"],
  ];
  for (const [key, length, what] of expected) {
    if (!(key instanceof Uint8Array) || key.length !== length) {
      throw new CryptoError("invalid_input", `${what} must be ${length} bytes`);
    }
  }
}

// A stored key file whose public keys do not belong to its private keys would
// make the device publish one identity and act as another; refuse it on load.
// The Ed25519 pair is re-derived from its seed: the copy of the public key
// inside libsodium's 64-byte private key proves nothing by itself.
function assertKeyPairsMatch(keys: DeviceKeys): void {
  const sodium = getSodium();
  const seed = sodium.crypto_sign_ed25519_sk_to_seed(keys.signing.privateKey);
  const signing = sodium.crypto_sign_seed_keypair(seed);
  const signingMatches =
    sodium.memcmp(signing.publicKey, keys.signing.publicKey) &&
    sodium.memcmp(signing.privateKey, keys.signing.privateKey);
  sodium.memzero(seed);
  sodium.memzero(signing.privateKey);
  if (!signingMatches) {
    throw new CryptoError("invalid_input", "signing public key does not match its private key");
  }
  const encryptionPublic = sodium.crypto_scalarmult_base(keys.encryption.privateKey);
  if (!sodium.memcmp(encryptionPublic, keys.encryption.publicKey)) {
    throw new CryptoError("invalid_input", "encryption public key does not match its private key");
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
