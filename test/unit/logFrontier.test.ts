import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extendFrontier, frontierRoot } from "../../server/log/frontier";
import type { LogFrontier, NodeRow } from "../../server/store/log";
import { hashLeaf, merkleRoot, perfectSubtrees, subtreeHash } from "../../shared/log/index";

const entries = Array.from({ length: 300 }, (_, i) => new TextEncoder().encode(`entry ${i}`));
const empty: LogFrontier = { size: 0, peaks: [] };

/** Appends the entries in batches of the given sizes, collecting every node written. */
function appendInBatches(batches: number[]): { frontier: LogFrontier; nodes: NodeRow[] } {
  let frontier = empty;
  const nodes: NodeRow[] = [];
  for (const count of batches) {
    const batch = entries.slice(frontier.size, frontier.size + count).map(hashLeaf);
    const extended = extendFrontier(frontier, batch);
    nodes.push(...extended.nodes);
    frontier = extended;
  }
  return { frontier, nodes };
}

describe("log frontier", () => {
  it("has the peaks of the tree and its RFC 9162 root after every batch", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }), (batches) => {
        const { frontier } = appendInBatches(batches);
        const leaves = entries.slice(0, frontier.size);
        expect(frontierRoot(frontier)).toEqual(merkleRoot(leaves));
        expect(frontier.peaks.map((peak) => [peak.level, peak.index])).toEqual(
          (frontier.size === 0 ? [] : perfectSubtrees({ start: 0, end: frontier.size })).map(
            (range) => {
              const size = range.end - range.start;
              return [Math.log2(size), range.start / size];
            },
          ),
        );
      }),
    );
  });

  it("writes every perfect subtree of level 1 and above exactly once, with its hash", () => {
    const { frontier, nodes } = appendInBatches([1, 2, 5, 64, 3, 100, 125]);
    expect(frontier.size).toBe(300);
    const keys = nodes.map((node) => `${node.level}/${node.index}`);
    expect(new Set(keys).size).toBe(keys.length);
    let expected = 0;
    for (let level = 1; 2 ** level <= 300; level++) expected += Math.floor(300 / 2 ** level);
    expect(nodes).toHaveLength(expected);
    for (const node of nodes) {
      const size = 2 ** node.level;
      const range = { start: node.index * size, end: (node.index + 1) * size };
      expect(node.hash).toEqual(
        subtreeHash(range, (r) => merkleRoot(entries.slice(r.start, r.end))),
      );
    }
  });

  it("leaves the empty tree's root when nothing is appended", () => {
    expect(frontierRoot(extendFrontier(empty, []))).toEqual(merkleRoot([]));
  });
});
