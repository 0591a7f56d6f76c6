import { emptyRoot, hashChildren, hashLeaf } from "#shared/log/merkle";

/**
 * The two hash functions of the log (RFC 9162 §2.1.1). Any implementation must agree bit for bit
 * with the shared module's; a native SHA-256 (Node's `node:crypto`) is about twice as fast as
 * `@noble/hashes` on leaves, which matters when auditing a million of them.
 */
export interface LogHasher {
  /** `SHA-256(0x00 || leaf)`. */
  hashLeaf(leaf: Uint8Array): Uint8Array;
  /** `SHA-256(0x01 || left || right)`. */
  hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array;
}

/** The shared module's hashing (`@noble/hashes`): portable, the default everywhere. */
export const sharedLogHasher: LogHasher = Object.freeze({ hashLeaf, hashChildren });

/**
 * The Merkle tree of a log read leaf by leaf (RFC 9162 §2.1.1), keeping only the hashes of its
 * perfect subtrees (one per set bit of its size, at most 53). Appending costs one leaf hash and,
 * amortised, one node hash; the root at the current size costs one node hash per peak. This is
 * how a verifier checks every signed head of a million-leaf log without ever holding the log
 * or calling `merkleRoot` once per head.
 */
export class IncrementalMerkleTree {
  /** Hashes of the perfect subtrees, left (largest, oldest) to right. */
  private readonly peaks: Uint8Array[] = [];
  /** Leaf counts of the perfect subtrees, parallel to {@link peaks}. */
  private readonly peakSizes: number[] = [];
  private count = 0;

  /** @param hasher - the hash functions; default {@link sharedLogHasher}. */
  constructor(private readonly hasher: LogHasher = sharedLogHasher) {}

  /** Number of leaves appended. */
  get size(): number {
    return this.count;
  }

  /** Appends a raw entry, hashing it with the log's leaf hash. */
  append(leaf: Uint8Array): void {
    this.appendHash(this.hasher.hashLeaf(leaf));
  }

  /** Appends a leaf by its leaf hash. */
  appendHash(leafHash: Uint8Array): void {
    let hash = leafHash;
    let size = 1;
    // Two perfect subtrees of equal size side by side are the two halves of a bigger one.
    while (this.peakSizes.length > 0 && this.peakSizes[this.peakSizes.length - 1] === size) {
      this.peakSizes.pop();
      hash = this.hasher.hashChildren(this.peaks.pop()!, hash);
      size *= 2;
    }
    this.peaks.push(hash);
    this.peakSizes.push(size);
    this.count += 1;
  }

  /** Root hash of the leaves appended so far (RFC 9162 `MTH`): the right fold of the peaks. */
  root(): Uint8Array {
    let acc = this.peaks[this.peaks.length - 1];
    if (acc === undefined) return emptyRoot();
    for (let i = this.peaks.length - 2; i >= 0; i--) {
      acc = this.hasher.hashChildren(this.peaks[i]!, acc);
    }
    return acc;
  }
}
