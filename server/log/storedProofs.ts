import {
  consistencyProofPlan,
  inclusionProofPlan,
  perfectSubtrees,
  rootFromPerfectSubtrees,
  type SubtreeRange,
} from "#shared/log/merkle";
import type { Executor } from "../store/executor";
import { type NodeKey, nodeKey, readNodeHashes } from "../store/log";

/**
 * Proofs from the stored perfect-subtree hashes (see `shared/log/merklePlan.ts`): a plan names
 * at most about 2·log2(n) perfect subtrees, read in one query; nothing is rebuilt.
 */

/** Where a perfect subtree is stored: level log2(size), position start / size. */
function keyOf(range: SubtreeRange): NodeKey {
  const size = range.end - range.start;
  let level = 0;
  while (2 ** level < size) level += 1;
  return { level, index: range.start / size };
}

/** The hash of every range of a plan, folding each from its stored perfect pieces. */
async function hashesOfPlan(db: Executor, plan: readonly SubtreeRange[]): Promise<Uint8Array[]> {
  const pieces = plan.map((range) => perfectSubtrees(range).map(keyOf));
  const stored = await readNodeHashes(db, pieces.flat());
  return pieces.map((keys) =>
    rootFromPerfectSubtrees(
      keys.map((key) => {
        const hash = stored.get(nodeKey(key));
        if (!hash) throw new Error(`log node ${nodeKey(key)} is missing`);
        return hash;
      }),
    ),
  );
}

/**
 * RFC 9162 inclusion proof of leaf `index` in the stored tree of `treeSize` leaves. The caller
 * checks that `treeSize` leaves are committed.
 */
export function storedInclusionProof(
  db: Executor,
  index: number,
  treeSize: number,
): Promise<Uint8Array[]> {
  return hashesOfPlan(db, inclusionProofPlan(index, treeSize));
}

/** RFC 9162 consistency proof between the stored trees of `fromSize` and `toSize` leaves. */
export function storedConsistencyProof(
  db: Executor,
  fromSize: number,
  toSize: number,
): Promise<Uint8Array[]> {
  return hashesOfPlan(db, consistencyProofPlan(fromSize, toSize));
}
