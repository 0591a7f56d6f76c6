/**
 * Proof verification, transcribed from RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2
 * (consistency): the verifier walks the proof once with two bit counters and never rebuilds a
 * tree. Verifiers never throw: anything malformed (sizes that are not non-negative safe
 * integers, hashes that are not 32 bytes, a proof of the wrong length) simply fails.
 *
 * @module
 */
import { bytesEqual, emptyRoot, hashChildren, hashLeaf, isHash } from "./merkleHash";

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function isProof(proof: unknown): proof is readonly Uint8Array[] {
  return Array.isArray(proof) && proof.every(isHash);
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

/** Right shift by one bit; plain arithmetic because `>>` truncates to 32 bits. */
function half(n: number): number {
  return Math.floor(n / 2);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/**
 * Recomputes the root implied by an inclusion proof (RFC 9162 §2.1.3.2, steps 1 to 5), for
 * callers that hold the leaf hash rather than the entry.
 *
 * @param leafHash - {@link hashLeaf} of the entry.
 * @param index - zero-based position of the entry in the log.
 * @param treeSize - number of leaves of the tree the proof is for.
 * @param proof - the audit path, leaf's sibling first.
 * @returns the root hash, or `undefined` if the arguments or the proof's length are invalid.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!isHash(leafHash) || !isCount(index) || !isCount(treeSize) || index >= treeSize) {
    return undefined;
  }
  if (!isProof(proof)) return undefined;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    // A proof longer than the path from the leaf to the root.
    if (sn === 0) return undefined;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      // Skip the levels where this node is a right-edge node with no sibling.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // A proof shorter than the path leaves sn above zero.
  return sn === 0 ? r : undefined;
}

/**
 * Checks that `leaf` is entry number `index` of the tree of `treeSize` leaves whose root is
 * `root` (RFC 9162 §2.1.3.2).
 *
 * @param leaf - the raw entry; it is hashed with {@link hashLeaf} here.
 * @param index - zero-based position of the entry, `0 <= index < treeSize`.
 * @param treeSize - size of the tree that `root` is the head of.
 * @param proof - the inclusion proof, as produced by `inclusionProof`.
 * @param root - the tree head's root hash, 32 bytes.
 * @returns true only if the proof is valid; false for any invalid argument.
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!(leaf instanceof Uint8Array) || !isHash(root)) return false;
  const computed = rootFromInclusionProof(hashLeaf(leaf), index, treeSize, proof);
  return computed !== undefined && bytesEqual(computed, root);
}

/**
 * Checks that the tree of `newSize` leaves with root `newRoot` extends, append-only, the tree of
 * `oldSize` leaves with root `oldRoot` (RFC 9162 §2.1.4.2).
 *
 * Trivial cases, which RFC 9162 leaves to the caller, are decided here: when the sizes are equal
 * the proof must be empty and the roots identical; when `oldSize` is 0 the proof must be empty
 * and `oldRoot` must be the empty-tree root (any `newRoot` extends the empty tree).
 *
 * @param oldSize - size of the tree head the verifier already accepted.
 * @param newSize - size of the newer tree head, `oldSize <= newSize`.
 * @param oldRoot - root hash of the accepted tree head.
 * @param newRoot - root hash of the newer tree head.
 * @param proof - the consistency proof, as produced by `consistencyProof`.
 * @returns true only if the proof is valid; false for any invalid argument.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: Uint8Array[],
): boolean {
  if (!isCount(oldSize) || !isCount(newSize) || oldSize > newSize) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !isProof(proof)) return false;
  if (oldSize === 0 && !bytesEqual(oldRoot, emptyRoot())) return false;
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;

  // Step 2: a power-of-two old tree is a single subtree of the new one, so its root is the
  // proof's implicit first element.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      // c is a left sibling, shared by the old and the new tree.
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      // c is a right sibling, made only of new leaves.
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}
