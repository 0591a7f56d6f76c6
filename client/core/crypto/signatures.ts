import { SignatureContexts, STATEMENT_PREFIX, statementMessage } from "#shared/signing";
import { CryptoError } from "./errors.ts";
import { getSodium } from "./sodium.ts";

// The prefix, the contexts and the signed-bytes layout are the shared contract (shared/signing.ts),
// so the hub's verifier and this signer cannot drift apart.
const encodedPrefix = new TextEncoder().encode(STATEMENT_PREFIX);

// Lowercase words joined by hyphens: no NUL, no "/", nothing that could make
// one context a prefix-collision of another.
const CONTEXT_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export { SignatureContexts };

/** One of the contexts listed in `SignatureContexts`. */
export type KnownSignatureContext = (typeof SignatureContexts)[keyof typeof SignatureContexts];

/**
 * Signs `message` with an Ed25519 private key and returns the 64-byte
 * detached signature. Prefer `signStatement`: raw signatures carry no purpose.
 * Refuses messages that start with the statement prefix, so a raw signature
 * can never be passed off as a domain-separated statement.
 */
export function sign(message: Uint8Array, signingPrivateKey: Uint8Array): Uint8Array {
  if (startsWithPrefix(message)) {
    throw new CryptoError(
      "invalid_input",
      `raw messages may not start with "${STATEMENT_PREFIX}": use signStatement`,
    );
  }
  return signBytes(message, signingPrivateKey);
}

/**
 * Checks a detached Ed25519 signature. Never throws on malformed input
 * (wrong types or lengths, garbage bytes): it returns false.
 */
export function verify(
  signature: Uint8Array,
  message: Uint8Array,
  signingPublicKey: Uint8Array,
): boolean {
  const sodium = getSodium();
  if (
    !(signature instanceof Uint8Array) ||
    !(message instanceof Uint8Array) ||
    !(signingPublicKey instanceof Uint8Array) ||
    signature.length !== sodium.crypto_sign_BYTES ||
    signingPublicKey.length !== sodium.crypto_sign_PUBLICKEYBYTES
  ) {
    return false;
  }
  try {
    return sodium.crypto_sign_verify_detached(signature, message, signingPublicKey);
  } catch {
    // libsodium throws on some invalid encodings instead of returning false.
    return false;
  }
}

/**
 * Signs `statementBytes` for one purpose only: the signed bytes are
 * `"relais/v1/" + context + "\0" + statementBytes`, so the signature does not
 * verify under any other context. `context` must be lowercase words joined by
 * hyphens (see `SignatureContexts`); anything else throws `invalid_input`.
 */
export function signStatement(
  context: string,
  statementBytes: Uint8Array,
  signingPrivateKey: Uint8Array,
): Uint8Array {
  assertContext(context);
  if (!(statementBytes instanceof Uint8Array)) {
    throw new CryptoError("invalid_input", "the statement to sign must be a Uint8Array");
  }
  return signBytes(withContext(context, statementBytes), signingPrivateKey);
}

/**
 * Checks a signature made by `signStatement` for the same `context`. Returns
 * false on any malformed signature, statement or key; throws `invalid_input`
 * only for an invalid `context`, which is a programming error, not input.
 */
export function verifyStatement(
  context: string,
  signature: Uint8Array,
  statementBytes: Uint8Array,
  signingPublicKey: Uint8Array,
): boolean {
  assertContext(context);
  if (!(statementBytes instanceof Uint8Array)) {
    return false;
  }
  return verify(signature, withContext(context, statementBytes), signingPublicKey);
}

function signBytes(message: Uint8Array, signingPrivateKey: Uint8Array): Uint8Array {
  const sodium = getSodium();
  if (!(message instanceof Uint8Array)) {
    throw new CryptoError("invalid_input", "the message to sign must be a Uint8Array");
  }
  if (
    !(signingPrivateKey instanceof Uint8Array) ||
    signingPrivateKey.length !== sodium.crypto_sign_SECRETKEYBYTES
  ) {
    throw new CryptoError(
      "invalid_input",
      `the signing private key must be ${sodium.crypto_sign_SECRETKEYBYTES} bytes`,
    );
  }
  return sodium.crypto_sign_detached(message, signingPrivateKey);
}

function assertContext(context: string): void {
  if (typeof context !== "string" || !CONTEXT_PATTERN.test(context)) {
    throw new CryptoError("invalid_input", `invalid signature context ${JSON.stringify(context)}`);
  }
}

function withContext(context: string, statementBytes: Uint8Array): Uint8Array {
  return statementMessage(context, statementBytes);
}

function startsWithPrefix(message: Uint8Array): boolean {
  if (!(message instanceof Uint8Array) || message.length < encodedPrefix.length) {
    return false;
  }
  return encodedPrefix.every((byte, index) => message[index] === byte);
}
