/**
 * The two hash functions of the Relais transparency log, exactly as RFC 9162 §2.1.1 defines
 * them for SHA-256 (the same tree hash as RFC 6962, so Certificate Transparency tooling and test
 * vectors apply unchanged):
 *
 * - leaf hash: `SHA-256(0x00 || leaf)`
 * - node hash: `SHA-256(0x01 || left || right)`
 * - empty tree: `SHA-256("")`
 *
 * The distinct prefixes make a leaf hash and an interior node hash impossible to confuse, which
 * is what stops a second-preimage attack that passes an interior node off as a leaf.
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";

/** Size in bytes of every hash in the log (SHA-256). */
export const HASH_SIZE = 32;

/** Domain-separation prefix of a leaf hash (RFC 9162 §2.1.1). */
export const LEAF_PREFIX = 0x00;

/** Domain-separation prefix of an interior node hash (RFC 9162 §2.1.1). */
export const NODE_PREFIX = 0x01;

const LEAF_PREFIX_BYTES = Uint8Array.of(LEAF_PREFIX);
const NODE_PREFIX_BYTES = Uint8Array.of(NODE_PREFIX);

/**
 * Root hash of the empty tree, `SHA-256("")`
 * (e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855).
 *
 * @returns a fresh copy, so a caller that mutates it cannot corrupt anyone else's value.
 */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/**
 * Hashes one raw log entry into a leaf: `SHA-256(0x00 || leaf)`.
 *
 * @param leaf - the entry's bytes exactly as logged (for Relais: its canonical JSON).
 */
export function hashLeaf(leaf: Uint8Array): Uint8Array {
  return sha256.create().update(LEAF_PREFIX_BYTES).update(leaf).digest();
}

/**
 * Hashes two child hashes into their parent: `SHA-256(0x01 || left || right)`.
 *
 * @param left - hash of the left subtree (the older entries).
 * @param right - hash of the right subtree.
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256.create().update(NODE_PREFIX_BYTES).update(left).update(right).digest();
}

/**
 * Whether `value` is a byte array of exactly {@link HASH_SIZE} bytes; verifiers reject anything
 * else instead of hashing it.
 */
export function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

/**
 * Compares two byte arrays over their full length. Not constant-time on purpose: log hashes are
 * public, so there is no secret for a timing side channel to leak.
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}
