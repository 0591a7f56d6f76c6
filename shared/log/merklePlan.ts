/**
 * Proofs expressed as subtree ranges, so a store that keeps node hashes can answer a proof with
 * O(log n) reads and never rebuilds the tree.
 *
 * A proof (RFC 9162 §2.1.3.1 and §2.1.4.1) is a list of Merkle tree hashes `MTH(D[start:end])`.
 * The plan functions return those ranges, in proof order, without touching any hash. How each
 * range becomes a hash:
 *
 * - A **perfect** subtree is a range whose size is a power of two `2^level` and whose start is a
 *   multiple of that size. Its hash never changes once its last leaf is appended, so a store
 *   writes it once, keyed by `(level, start / 2^level)`.
 * - Any other range in a plan is the right edge of the tree. It is cut into perfect pieces of
 *   strictly decreasing size (one per set bit of its size, see {@link perfectSubtrees}) and its
 *   hash is the right fold `H(p0, H(p1, … H(pk-1, pk)))` of their hashes
 *   ({@link rootFromPerfectSubtrees}); that is what RFC 9162's recursion computes for it.
 *
 * At most one range of a plan is not perfect, and plans hold at most ⌈log2 n⌉ + 1 ranges, so a
 * proof needs at most about 2·log2(n) stored hashes. A database-backed store can fetch them all
 * in one query:
 *
 * ```ts
 * const pieces = inclusionProofPlan(index, treeSize).map(perfectSubtrees);
 * const stored = await loadPerfectHashes(pieces.flat()); // one SELECT … WHERE (level, n) IN …
 * const proof = pieces.map((p) => rootFromPerfectSubtrees(p.map((r) => stored.get(r))));
 * ```
 *
 * @module
 */
import { emptyRoot, hashChildren } from "./merkleHash";

/** A half-open range of leaf indices `[start, end)`, i.e. the subtree `D[start:end]`. */
export interface SubtreeRange {
  /** Index of the first leaf in the subtree. */
  readonly start: number;
  /** One past the index of the last leaf in the subtree. */
  readonly end: number;
}

/** Throws a RangeError unless `value` is an integer in `[0, 2^53)`. */
function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
  }
}

/** Largest power of two `<= n`, for `n >= 1`. Plain arithmetic: bit shifts stop at 2^31. */
function largestPowerOfTwoAtMost(n: number): number {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
}

/**
 * The split point `k` of RFC 9162 §2.1.1: the largest power of two strictly smaller than `n`,
 * for `n >= 2`.
 */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) {
    throw new RangeError(`splitPoint needs an integer n >= 2, got ${String(n)}`);
  }
  return largestPowerOfTwoAtMost(n - 1);
}

/** Whether `range` is a perfect subtree: power-of-two size, start aligned to that size. */
export function isPerfectSubtree(range: SubtreeRange): boolean {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start) {
    return false;
  }
  const size = end - start;
  return largestPowerOfTwoAtMost(size) === size && start % size === 0;
}

/**
 * Cuts a subtree range into the perfect subtrees that compose it, left to right, largest first
 * (one per set bit of its size). A perfect range comes back as itself.
 *
 * @throws RangeError if the range is empty, not made of safe integers, or its start is not a
 *   multiple of its largest piece (such a range is never part of a proof).
 */
export function perfectSubtrees(range: SubtreeRange): SubtreeRange[] {
  assertCount("range.start", range.start);
  assertCount("range.end", range.end);
  if (range.end <= range.start) {
    throw new RangeError(`empty subtree range [${range.start}, ${range.end})`);
  }
  if (range.start % largestPowerOfTwoAtMost(range.end - range.start) !== 0) {
    throw new RangeError(`subtree range [${range.start}, ${range.end}) is not aligned`);
  }
  const pieces: SubtreeRange[] = [];
  let start = range.start;
  while (start < range.end) {
    const size = largestPowerOfTwoAtMost(range.end - start);
    pieces.push({ start, end: start + size });
    start += size;
  }
  return pieces;
}

/**
 * Hash of a subtree from the hashes of its perfect pieces (as listed by
 * {@link perfectSubtrees}): the right fold `H(p0, H(p1, … H(pk-1, pk)))`. With no pieces it is
 * the empty-tree root, so the root of a whole tree of size n is the fold over
 * `perfectSubtrees({ start: 0, end: n })` (its "peaks").
 */
export function rootFromPerfectSubtrees(pieceHashes: readonly Uint8Array[]): Uint8Array {
  let acc = pieceHashes[pieceHashes.length - 1];
  if (acc === undefined) return emptyRoot();
  for (let i = pieceHashes.length - 2; i >= 0; i--) {
    acc = hashChildren(pieceHashes[i]!, acc);
  }
  return acc;
}

/**
 * Hash of any subtree range, given a source of perfect subtree hashes (a table of stored node
 * hashes, or a computation over the leaves).
 */
export function subtreeHash(
  range: SubtreeRange,
  perfectSubtreeHash: (perfect: SubtreeRange) => Uint8Array,
): Uint8Array {
  return rootFromPerfectSubtrees(perfectSubtrees(range).map(perfectSubtreeHash));
}

/** Turns a plan into the proof itself, hashing each range with {@link subtreeHash}. */
export function proofFromPlan(
  plan: readonly SubtreeRange[],
  perfectSubtreeHash: (perfect: SubtreeRange) => Uint8Array,
): Uint8Array[] {
  return plan.map((range) => subtreeHash(range, perfectSubtreeHash));
}

/**
 * The ranges whose hashes form the inclusion proof of leaf `index` in a tree of `treeSize`
 * leaves (RFC 9162 §2.1.3.1 `PATH(m, D[n])`), in proof order: the leaf's sibling first, the
 * child of the root last.
 *
 * @throws RangeError unless `0 <= index < treeSize` are safe integers.
 */
export function inclusionProofPlan(index: number, treeSize: number): SubtreeRange[] {
  assertCount("index", index);
  assertCount("treeSize", treeSize);
  if (index >= treeSize) {
    throw new RangeError(`index ${index} is outside a tree of size ${treeSize}`);
  }
  // Walk down from the root, noting the subtree not taken at each split; the proof lists them
  // from the leaf up.
  const ranges: SubtreeRange[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const mid = start + splitPoint(end - start);
    if (index < mid) {
      ranges.push({ start: mid, end });
      end = mid;
    } else {
      ranges.push({ start, end: mid });
      start = mid;
    }
  }
  return ranges.reverse();
}

/**
 * The ranges whose hashes form the consistency proof between the tree of the first `oldSize`
 * leaves and the tree of `newSize` leaves (RFC 9162 §2.1.4.1 `PROOF(m, D[n])`), in proof order.
 * Empty when `oldSize` is 0 or equals `newSize`: those cases are proved by the roots alone.
 *
 * @throws RangeError unless `0 <= oldSize <= newSize` are safe integers.
 */
export function consistencyProofPlan(oldSize: number, newSize: number): SubtreeRange[] {
  assertCount("oldSize", oldSize);
  assertCount("newSize", newSize);
  if (oldSize > newSize) {
    throw new RangeError(`oldSize ${oldSize} is larger than newSize ${newSize}`);
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  // Iterative SUBPROOF(m, D[start:end], b): `m` is oldSize relative to `start`, and
  // `wholeOldTree` is RFC 9162's b: true while the old part of the current subtree is the whole
  // old tree, whose root the verifier already holds and so is never sent.
  const ranges: SubtreeRange[] = [];
  let start = 0;
  let end = newSize;
  let m = oldSize;
  let wholeOldTree = true;
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  if (!wholeOldTree) ranges.push({ start, end });
  return ranges.reverse();
}
