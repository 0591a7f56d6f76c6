/**
 * Stable identifiers of every failure the crypto layer reports. Callers branch
 * on `code`, never on `message`, which is for humans and logs.
 */
export type CryptoErrorCode =
  /** A crypto function was called before `ready()` resolved. */
  | "not_ready"
  /** Malformed bytes or arguments: bad base64url, wrong key length, invalid JSON. */
  | "invalid_input"
  /** The passphrase is wrong or the sealed box was tampered with (indistinguishable by design). */
  | "wrong_passphrase"
  /** An unknown version or algorithm: written by a newer client, or not ours. */
  | "unsupported_format"
  /** KDF parameters outside the accepted range: too weak to trust, or large enough to be a DoS. */
  | "unsafe_kdf_parameters"
  /** A key file whose contents do not match the key file schema. */
  | "corrupt_key_file"
  /** A ciphertext that does not open with the key it should: tampered with, or not ours. */
  | "decryption_failed";

/** The one error class thrown by the SDK's crypto layer and key file store. */
export class CryptoError extends Error {
  override readonly name = "CryptoError";
  /** Stable identifier to branch on. */
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
