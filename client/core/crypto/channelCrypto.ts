import { CryptoError } from "./errors.ts";
import { randomBytes } from "./random.ts";
import { getSodium } from "./sodium.ts";

/**
 * The symmetric half of channels (docs/protocol.md §10): epoch keys, their wrapping for each
 * recipient device, the institutional chain of previous keys, message AEAD with padding, and
 * attachment streams. Nonces come from `crypto.getRandomValues` (see random.ts): libsodium's
 * own generator is far slower here and these run once per message.
 */

/** Bytes of an epoch key. */
export const EPOCH_KEY_BYTES = 32;
/** Padded plaintexts are one of these sizes: 256 B, 512 B, ... 64 KiB. */
export const PADDING_BUCKETS = [
  256, 512, 1_024, 2_048, 4_096, 8_192, 16_384, 32_768, 65_536,
] as const;
/** The largest plaintext a message carries (one byte goes to the padding marker). */
export const MAX_MESSAGE_PLAINTEXT = 65_535;
/** Plaintext bytes per attachment chunk. */
export const ATTACHMENT_CHUNK_BYTES = 65_536;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function fail(what: string, cause?: unknown): never {
  throw new CryptoError("decryption_failed", `${what} does not open`, { cause });
}

/** A fresh random epoch key. */
export function generateEpochKey(): Uint8Array {
  return randomBytes(EPOCH_KEY_BYTES);
}

/**
 * Shared keys of `crypto_box` (X25519 + XSalsa20-Poly1305) between this device and each peer,
 * computed once: a rotation wraps for the same devices across many channels.
 */
export class BoxKeyCache {
  private readonly cache = new Map<string, Uint8Array>();

  constructor(private readonly ownPrivateKey: Uint8Array) {}

  /** The `crypto_box_beforenm` key with `peerPublicKey`. */
  sharedKey(peerPublicKey: Uint8Array): Uint8Array {
    const id = peerPublicKey.join(",");
    let key = this.cache.get(id);
    if (key === undefined) {
      key = getSodium().crypto_box_beforenm(peerPublicKey, this.ownPrivateKey);
      this.cache.set(id, key);
    }
    return key;
  }
}

/** Wraps an epoch key for one device: `nonce (24) || crypto_box_easy(key)` (72 bytes). */
export function wrapEpochKey(key: Uint8Array, shared: Uint8Array): Uint8Array {
  const sodium = getSodium();
  const nonce = randomBytes(sodium.crypto_box_NONCEBYTES);
  return concat(nonce, sodium.crypto_box_easy_afternm(key, nonce, shared));
}

/** Opens a wrap made by {@link wrapEpochKey}; throws `decryption_failed` otherwise. */
export function unwrapEpochKey(wrap: Uint8Array, shared: Uint8Array): Uint8Array {
  const sodium = getSodium();
  const n = sodium.crypto_box_NONCEBYTES;
  try {
    const key = sodium.crypto_box_open_easy_afternm(wrap.subarray(n), wrap.subarray(0, n), shared);
    if (key.length !== EPOCH_KEY_BYTES) fail("the epoch key");
    return key;
  } catch (error) {
    return fail("the wrapped epoch key", error);
  }
}

/** `nonce (24) || crypto_secretbox_easy(previousKey, nonce, key)`: the institutional chain. */
export function sealPreviousKey(previousKey: Uint8Array, key: Uint8Array): Uint8Array {
  const sodium = getSodium();
  const nonce = randomBytes(sodium.crypto_secretbox_NONCEBYTES);
  return concat(nonce, sodium.crypto_secretbox_easy(previousKey, nonce, key));
}

/** Opens {@link sealPreviousKey}'s output with the later epoch's key. */
export function openPreviousKey(sealed: Uint8Array, key: Uint8Array): Uint8Array {
  const sodium = getSodium();
  const n = sodium.crypto_secretbox_NONCEBYTES;
  try {
    return sodium.crypto_secretbox_open_easy(sealed.subarray(n), sealed.subarray(0, n), key);
  } catch (error) {
    return fail("the previous epoch key", error);
  }
}

/** The padded size of a plaintext of `length` bytes. */
export function paddedSize(length: number): number {
  const bucket = PADDING_BUCKETS.find((size) => size > length);
  if (bucket === undefined) {
    throw new CryptoError(
      "invalid_input",
      `a message holds at most ${MAX_MESSAGE_PLAINTEXT} bytes`,
    );
  }
  return bucket;
}

/**
 * Encrypts a message: ISO/IEC 7816-4 padding to its bucket, then XChaCha20-Poly1305-IETF with
 * `associatedData` (the canonical header). Returns the 24-byte nonce and the ciphertext.
 */
export function encryptMessage(
  key: Uint8Array,
  associatedData: Uint8Array,
  plaintext: Uint8Array,
): { nonce: Uint8Array; ciphertext: Uint8Array } {
  const sodium = getSodium();
  const padded = sodium.pad(plaintext, paddedSize(plaintext.length));
  const nonce = randomBytes(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    padded,
    associatedData,
    null,
    nonce,
    key,
  );
  return { nonce, ciphertext };
}

/** Reverses {@link encryptMessage}; throws `decryption_failed` on any mismatch. */
export function decryptMessage(
  key: Uint8Array,
  associatedData: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  const sodium = getSodium();
  try {
    const padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      ciphertext,
      associatedData,
      nonce,
      key,
    );
    return sodium.unpad(padded, padded.length);
  } catch (error) {
    return fail("the message", error);
  }
}

/** Encrypts an attachment chunk by chunk with `crypto_secretstream_xchacha20poly1305`. */
export class AttachmentEncryptor {
  readonly key: Uint8Array;
  readonly header: Uint8Array;
  private readonly state: unknown;

  constructor() {
    const sodium = getSodium();
    this.key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
    const init = sodium.crypto_secretstream_xchacha20poly1305_init_push(this.key);
    this.state = init.state;
    this.header = init.header;
  }

  /** Encrypts the next chunk; the last one must say so. */
  push(chunk: Uint8Array, last: boolean): Uint8Array {
    const sodium = getSodium();
    const tag = last
      ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
      : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    return sodium.crypto_secretstream_xchacha20poly1305_push(this.state as never, chunk, null, tag);
  }
}

/** Bytes a chunk of `plaintextBytes` takes once encrypted. */
export function encryptedChunkSize(plaintextBytes: number): number {
  return plaintextBytes + getSodium().crypto_secretstream_xchacha20poly1305_ABYTES;
}

/** Decrypts what {@link AttachmentEncryptor} produced, chunk by chunk, and checks the end. */
export class AttachmentDecryptor {
  private readonly state: unknown;
  private finished = false;

  constructor(key: Uint8Array, header: Uint8Array) {
    try {
      this.state = getSodium().crypto_secretstream_xchacha20poly1305_init_pull(header, key);
    } catch (error) {
      fail("the attachment header", error);
    }
  }

  /** Decrypts the next chunk; refuses anything after the final one. */
  pull(chunk: Uint8Array): Uint8Array {
    const sodium = getSodium();
    if (this.finished) fail("data after the attachment's final chunk");
    const result = sodium.crypto_secretstream_xchacha20poly1305_pull(
      this.state as never,
      chunk,
      null,
    );
    if (!result) fail("an attachment chunk");
    if (result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) this.finished = true;
    return result.message;
  }

  /** Throws unless the final chunk was seen: a truncated attachment is not an attachment. */
  finish(): void {
    if (!this.finished) fail("a truncated attachment");
  }
}
