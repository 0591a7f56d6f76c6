import { hashChildren, rootFromPerfectSubtrees } from "#shared/log/merkle";
import type { LogFrontier, NodeRow } from "../store/log";

/** The frontier after an append, and the perfect-subtree hashes the append completed. */
export interface ExtendedFrontier extends LogFrontier {
  /** New hashes of level 1 and above, each written once (level 0 is the leaf hash). */
  readonly nodes: NodeRow[];
}

/**
 * Appends leaf hashes to a tree known by its peaks, like incrementing a binary counter: each
 * new leaf is a peak of level 0, and two peaks of the same level merge into their parent. Every
 * merge completes a perfect subtree, whose hash is stored once and never recomputed. Costs one
 * hash per new node (about one per leaf) and never reads an older leaf.
 */
export function extendFrontier(
  frontier: LogFrontier,
  leafHashes: readonly Uint8Array[],
): ExtendedFrontier {
  const peaks: NodeRow[] = [...frontier.peaks];
  const nodes: NodeRow[] = [];
  let size = frontier.size;
  for (const hash of leafHashes) {
    peaks.push({ level: 0, index: size, hash });
    size += 1;
    for (;;) {
      const right = peaks[peaks.length - 1];
      const left = peaks[peaks.length - 2];
      if (!right || !left || left.level !== right.level) break;
      peaks.length -= 2;
      const parent = {
        level: left.level + 1,
        index: left.index / 2,
        hash: hashChildren(left.hash, right.hash),
      };
      nodes.push(parent);
      peaks.push(parent);
    }
  }
  return { size, peaks, nodes };
}

/** Root hash of the tree whose peaks these are (the empty-tree root for no peaks). */
export function frontierRoot(frontier: LogFrontier): Uint8Array {
  return rootFromPerfectSubtrees(frontier.peaks.map((peak) => peak.hash));
}
