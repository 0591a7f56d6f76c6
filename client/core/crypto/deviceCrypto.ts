import type { DeviceKeys, PublicDeviceKeys } from "./deviceKeys.ts";
import {
  deserializeDeviceKeys,
  generateDeviceKeys,
  publicDeviceKeys,
  serializeDeviceKeys,
} from "./deviceKeys.ts";
import type { SealedBox, SealOptions } from "./passphraseSealing.ts";
import { openWithPassphrase, sealWithPassphrase } from "./passphraseSealing.ts";
import { randomBytes, randomToken } from "./random.ts";
import { sign, signStatement, verify, verifyStatement } from "./signatures.ts";
import { ready } from "./sodium.ts";
import { wipe } from "./wipe.ts";

/**
 * The device-crypto operations the SDK depends on. Callers take a
 * `DeviceCrypto` rather than importing the functions, so that the
 * implementation (today libsodium, `sodiumDeviceCrypto`) can be replaced, or
 * wrapped in tests, without touching them. Every operation except `ready`,
 * `randomBytes` and `randomToken` requires `ready()` to have resolved.
 */
export interface DeviceCrypto {
  /** Loads the crypto library; await once before anything else. */
  ready(): Promise<void>;
  /** Creates a new device's Ed25519 signing and X25519 encryption key pairs. */
  generateDeviceKeys(): DeviceKeys;
  /** The public keys of a device, base64url. */
  publicDeviceKeys(keys: DeviceKeys): PublicDeviceKeys;
  /** Detached Ed25519 signature of raw bytes; prefer `signStatement`. */
  sign(message: Uint8Array, signingPrivateKey: Uint8Array): Uint8Array;
  /** Checks a detached Ed25519 signature; false on any malformed input. */
  verify(signature: Uint8Array, message: Uint8Array, signingPublicKey: Uint8Array): boolean;
  /** Signs a statement for one purpose (`context`), unusable for any other. */
  signStatement(
    context: string,
    statementBytes: Uint8Array,
    signingPrivateKey: Uint8Array,
  ): Uint8Array;
  /** Checks a statement signature for `context`; false on any malformed input. */
  verifyStatement(
    context: string,
    signature: Uint8Array,
    statementBytes: Uint8Array,
    signingPublicKey: Uint8Array,
  ): boolean;
  /** Cryptographically secure random bytes. */
  randomBytes(n: number): Uint8Array;
  /** A random base64url token of `bytes` random bytes (default 32). */
  randomToken(bytes?: number): string;
  /** Encrypts under a key derived from a passphrase (Argon2id13 + secretbox). */
  sealWithPassphrase(plaintext: Uint8Array, passphrase: string, opts?: SealOptions): SealedBox;
  /** Decrypts a sealed box; throws `CryptoError` (`wrong_passphrase`, ...). */
  openWithPassphrase(sealed: SealedBox, passphrase: string): Uint8Array;
  /** Versioned JSON bytes of the device keys, private halves included. */
  serializeDeviceKeys(keys: DeviceKeys): Uint8Array;
  /** Parses `serializeDeviceKeys` output, checking that each pair matches. */
  deserializeDeviceKeys(bytes: Uint8Array): DeviceKeys;
  /** Zeroes secret bytes in place. */
  wipe(bytes: Uint8Array): void;
}

/** The libsodium implementation of `DeviceCrypto`. */
export const sodiumDeviceCrypto: DeviceCrypto = Object.freeze({
  ready,
  generateDeviceKeys,
  publicDeviceKeys,
  sign,
  verify,
  signStatement,
  verifyStatement,
  randomBytes,
  randomToken,
  sealWithPassphrase,
  openWithPassphrase,
  serializeDeviceKeys,
  deserializeDeviceKeys,
  wipe,
});
