/**
 * The Merkle tree math of the Relais transparency log, usable on its own by an outside auditor.
 *
 * The log follows RFC 9162 §2.1 (Certificate Transparency v2; the tree hash is identical to
 * RFC 6962's), with SHA-256:
 *
 * - Every log entry is a byte string: for Relais, the UTF-8 canonical JSON (RFC 8785, see
 *   `canonicalJson.ts`) of a signed register or trust event. Entries are numbered from 0 in
 *   append order.
 * - Leaf hash: `SHA-256(0x00 || entry)`. Interior node hash: `SHA-256(0x01 || left || right)`.
 *   The empty tree's root is `SHA-256("")`.
 * - Tree shape: the root of n > 1 entries is the node hash of the tree of the first k entries and
 *   the tree of the remaining n - k, where k is the largest power of two smaller than n
 *   (`MTH(D[n]) = H(0x01 || MTH(D[0:k]) || MTH(D[k:n]))`). The tree of one entry is its leaf hash.
 * - An inclusion proof for entry m in a tree of size n is RFC 9162's `PATH(m, D[n])`: the hashes
 *   of the subtrees next to the path from the leaf to the root, leaf's sibling first.
 * - A consistency proof from size m to size n is RFC 9162's `PROOF(m, D[n])`; it is empty when
 *   m = 0 or m = n.
 * - Verification is the iterative algorithm of RFC 9162 §2.1.3.2 and §2.1.4.2 and needs only the
 *   proof, the sizes and the roots.
 *
 * Hashes are raw 32-byte `Uint8Array`s here; on the wire they are unpadded base64url. Any
 * RFC 6962/9162 implementation (for instance github.com/transparency-dev/merkle) must agree with
 * this module bit for bit; the unit tests check it against the Certificate Transparency vectors.
 *
 * The functions that take `leaves` hold the whole log in memory and are meant for auditors,
 * clients and tests. The hub keeps perfect-subtree hashes in its database and builds the same
 * proofs from {@link inclusionProofPlan} and {@link consistencyProofPlan} (see `merklePlan.ts`).
 *
 * @example
 * ```ts
 * const root = merkleRoot(entries);
 * const proof = inclusionProof(entries, 3);
 * verifyInclusion(entries[3], 3, entries.length, proof, root); // true
 * ```
 *
 * @module
 */
import { emptyRoot, hashChildren, hashLeaf } from "./merkleHash";
import {
  consistencyProofPlan,
  inclusionProofPlan,
  proofFromPlan,
  type SubtreeRange,
  subtreeHash,
} from "./merklePlan";

export { bytesEqual, emptyRoot, HASH_SIZE, hashChildren, hashLeaf, isHash } from "./merkleHash";
export {
  consistencyProofPlan,
  inclusionProofPlan,
  isPerfectSubtree,
  perfectSubtrees,
  proofFromPlan,
  rootFromPerfectSubtrees,
  type SubtreeRange,
  splitPoint,
  subtreeHash,
} from "./merklePlan";
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from "./merkleVerify";

/** Hash of a perfect subtree of `leaves`, computed level by level from its leaves. */
function perfectSubtreeHashOf(leaves: readonly Uint8Array[], range: SubtreeRange): Uint8Array {
  let level: Uint8Array[] = [];
  for (let i = range.start; i < range.end; i++) {
    const leaf = leaves[i];
    if (leaf === undefined) throw new RangeError(`leaf ${i} is missing`);
    level.push(hashLeaf(leaf));
  }
  while (level.length > 1) {
    const parents: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) parents.push(hashChildren(level[i]!, level[i + 1]!));
    level = parents;
  }
  return level[0]!;
}

/**
 * Root hash of the tree whose leaves are `leaves`, in order (RFC 9162 `MTH(D[n])`).
 *
 * @param leaves - the raw entries; each is hashed with {@link hashLeaf}.
 * @returns 32 bytes; for no leaves, `SHA-256("")`.
 */
export function merkleRoot(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return emptyRoot();
  return subtreeHash({ start: 0, end: leaves.length }, (range) =>
    perfectSubtreeHashOf(leaves, range),
  );
}

/**
 * Inclusion proof of entry `index` in the tree of all `leaves` (RFC 9162 `PATH(m, D[n])`).
 *
 * @param leaves - the raw entries of the tree, in log order.
 * @param index - zero-based position of the entry to prove.
 * @returns the audit path, leaf's sibling first; empty for a tree of one entry.
 * @throws RangeError unless `index` is an integer with `0 <= index < leaves.length`.
 */
export function inclusionProof(leaves: Uint8Array[], index: number): Uint8Array[] {
  return proofFromPlan(inclusionProofPlan(index, leaves.length), (range) =>
    perfectSubtreeHashOf(leaves, range),
  );
}

/**
 * Consistency proof between the tree of the first `oldSize` entries and the tree of all
 * `leaves` (RFC 9162 `PROOF(m, D[n])`).
 *
 * @param leaves - the raw entries of the newer tree, in log order.
 * @param oldSize - size of the older tree.
 * @returns the proof; empty when `oldSize` is 0 or `leaves.length`.
 * @throws RangeError unless `oldSize` is an integer with `0 <= oldSize <= leaves.length`.
 */
export function consistencyProof(leaves: Uint8Array[], oldSize: number): Uint8Array[] {
  return proofFromPlan(consistencyProofPlan(oldSize, leaves.length), (range) =>
    perfectSubtreeHashOf(leaves, range),
  );
}
