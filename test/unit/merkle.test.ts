import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  consistencyProof,
  consistencyProofPlan,
  emptyRoot,
  hashChildren,
  hashLeaf,
  inclusionProof,
  inclusionProofPlan,
  isPerfectSubtree,
  merkleRoot,
  perfectSubtrees,
  proofFromPlan,
  rootFromInclusionProof,
  rootFromPerfectSubtrees,
  type SubtreeRange,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from "../../shared/log/index";

// Reference vectors of the RFC 6962 implementations (certificate-transparency C++/Go,
// github.com/transparency-dev/merkle proof/verify_test.go). Indices here are zero-based.
const LEAVES = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
].map(hexToBytes);
const EMPTY_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/** ROOTS[n - 1] is the root of the first n leaves. */
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
/**
 * Every hash in the reference proofs below, named by the subtree [start, end) it covers. The
 * strings are the published ones; the proofs are written as lists of these names.
 */
const NODES: Record<string, string> = {
  "0,1": "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "0,2": "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "0,4": "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "1,2": "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
  "2,4": "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
  "4,5": "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
  "4,6": "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
  "4,8": "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
  "6,7": "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
  "6,8": "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
};
const nodes = (names: string): string[] =>
  names === "" ? [] : names.split(" ").map((n) => NODES[n]!);
const INCLUSION_VECTORS = [
  { index: 0, size: 1, proof: nodes("") },
  { index: 0, size: 8, proof: nodes("1,2 2,4 4,8") },
  { index: 5, size: 8, proof: nodes("4,5 6,8 0,4") },
  { index: 2, size: 3, proof: nodes("0,2") },
  { index: 1, size: 5, proof: nodes("0,1 2,4 4,5") },
];
const CONSISTENCY_VECTORS = [
  { oldSize: 1, newSize: 1, proof: nodes("") },
  { oldSize: 1, newSize: 8, proof: nodes("1,2 2,4 4,8") },
  { oldSize: 6, newSize: 8, proof: nodes("4,6 6,8 0,4") },
  { oldSize: 2, newSize: 5, proof: nodes("2,4 4,5") },
  { oldSize: 6, newSize: 7, proof: nodes("4,6 6,7 0,4") },
];
const SOME_HASH = hexToBytes("abacaba000000000000000000000000000000000000000000060061e00123456");

const hex = (hashes: Uint8Array[]): string[] => hashes.map((h) => bytesToHex(h));
const root = (size: number): Uint8Array => hexToBytes(ROOTS[size - 1]!);
const entries = (n: number): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => Uint8Array.of(i & 0xff, i >> 8, 7));

/** Copy of `bytes` with bit `bit` (0..7) of byte `at` flipped. */
function flipBit(bytes: Uint8Array, at: number, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[at % copy.length]! ^= 1 << bit;
  return copy;
}

/** Copy of `proof` with bit `bit` of byte `at` of element `i` flipped. */
const flipInProof = (proof: Uint8Array[], i: number, at: number, bit: number): Uint8Array[] =>
  proof.map((p, j) => (j === i ? flipBit(p, at, bit) : p));

// RFC 9162 §2.1 transcribed literally (recursive, straight SHA-256), as an independent oracle.
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const pow2Below = (n: number): number => 2 ** Math.floor(Math.log2(n - 1));
function mth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha256(new Uint8Array(0));
  if (d.length === 1) return sha256(concat(Uint8Array.of(0), d[0]!));
  const k = pow2Below(d.length);
  return sha256(concat(Uint8Array.of(1), mth(d.slice(0, k)), mth(d.slice(k))));
}
function path(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  const k = pow2Below(d.length);
  return m < k
    ? [...path(m, d.slice(0, k)), mth(d.slice(k))]
    : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}
function subproof(m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const k = pow2Below(d.length);
  return m <= k
    ? [...subproof(m, d.slice(0, k), b), mth(d.slice(k))]
    : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}

describe("hashLeaf and hashChildren", () => {
  it("hash a leaf as SHA-256(0x00 || leaf)", () => {
    expect(bytesToHex(hashLeaf(new Uint8Array(0)))).toBe(ROOTS[0]);
    expect(hashLeaf(LEAVES[3]!)).toEqual(sha256(hexToBytes("002021")));
  });

  it("hash a node as SHA-256(0x01 || left || right)", () => {
    const [a, b] = [hashLeaf(LEAVES[0]!), hashLeaf(LEAVES[1]!)];
    expect(hashChildren(a, b)).toEqual(sha256(concat(Uint8Array.of(1), a, b)));
    expect(bytesToHex(hashChildren(a, b))).toBe(ROOTS[1]);
  });
});

describe("merkleRoot", () => {
  it("is SHA-256 of the empty string for the empty tree", () => {
    expect(bytesToHex(merkleRoot([]))).toBe(EMPTY_ROOT);
    expect(bytesToHex(emptyRoot())).toBe(EMPTY_ROOT);
  });

  it.each(ROOTS.map((expected, i) => [i + 1, expected] as const))(
    "matches the RFC 6962 reference root for %i leaves",
    (size, expected) => {
      expect(bytesToHex(merkleRoot(LEAVES.slice(0, size)))).toBe(expected);
    },
  );

  it("names the reference proof hashes after the subtrees they cover", () => {
    for (const [name, expected] of Object.entries(NODES)) {
      const [start, end] = name.split(",").map(Number);
      expect(bytesToHex(merkleRoot(LEAVES.slice(start, end)))).toBe(expected);
    }
  });

  it("agrees with the recursive definition of RFC 9162 for every size up to 70", () => {
    const all = entries(70);
    for (let n = 0; n <= all.length; n++)
      expect(merkleRoot(all.slice(0, n))).toEqual(mth(all.slice(0, n)));
  });
});

describe("inclusionProof", () => {
  it.each(INCLUSION_VECTORS)(
    "matches the reference proof of leaf $index in a tree of $size",
    (v) => {
      expect(hex(inclusionProof(LEAVES.slice(0, v.size), v.index))).toEqual(v.proof);
    },
  );

  it("agrees with RFC 9162 PATH(m, D[n]) for every leaf of every size up to 40", () => {
    const all = entries(40);
    for (let n = 1; n <= all.length; n++) {
      const d = all.slice(0, n);
      for (let m = 0; m < n; m++) expect(inclusionProof(d, m)).toEqual(path(m, d));
    }
  });

  it("throws a RangeError for an index outside the tree or not an integer", () => {
    for (const index of [-1, 8, 9, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => inclusionProof(LEAVES, index)).toThrow(RangeError);
    }
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
  });
});

describe("verifyInclusion", () => {
  it.each(INCLUSION_VECTORS)(
    "accepts the reference proof of leaf $index in a tree of $size",
    (v) => {
      const proof = v.proof.map(hexToBytes);
      expect(verifyInclusion(LEAVES[v.index]!, v.index, v.size, proof, root(v.size))).toBe(true);
    },
  );

  it.each(INCLUSION_VECTORS.filter((v) => v.proof.length > 0))(
    "rejects every corruption of the proof of leaf $index in a tree of $size",
    ({ index, size, proof: hexProof }) => {
      const [leaf, r, proof] = [LEAVES[index]!, root(size), hexProof.map(hexToBytes)];
      const probes: Parameters<typeof verifyInclusion>[] = [
        [leaf, index - 1, size, proof, r],
        [leaf, index + 1, size, proof, r],
        [leaf, index ^ 2, size, proof, r],
        [leaf, index, size * 2, proof, r],
        [leaf, index, Math.floor(size / 2), proof, r],
        [Uint8Array.of(0x42), index, size, proof, r],
        [leaf, index, size, proof, emptyRoot()],
        [leaf, index, size, proof, SOME_HASH],
        [leaf, index, size, [...proof, r], r],
        [leaf, index, size, [r, ...proof], r],
        [leaf, index, size, [...proof, new Uint8Array(0)], r],
        [leaf, index, size, proof.slice(0, -1), r],
        [leaf, index, size, [proof[0]!, SOME_HASH, ...proof.slice(1)], r],
      ];
      for (let i = 0; i < proof.length; i++)
        probes.push([leaf, index, size, flipInProof(proof, i, 0, 3), r]);
      for (const probe of probes) expect(verifyInclusion(...probe)).toBe(false);
    },
  );

  it("accepts a one-leaf tree whose root is the leaf hash, with an empty proof", () => {
    const leaf = new TextEncoder().encode("data");
    expect(verifyInclusion(leaf, 0, 1, [], hashLeaf(leaf))).toBe(true);
    expect(rootFromInclusionProof(hashLeaf(leaf), 0, 1, [])).toEqual(hashLeaf(leaf));
  });

  it("returns false instead of throwing for invalid arguments", () => {
    const proof = inclusionProof(LEAVES, 5);
    const r = root(8);
    expect(verifyInclusion(LEAVES[5]!, 5, 8, proof, r)).toBe(true);
    for (const [index, size] of [
      [8, 8],
      [-1, 8],
      [5.5, 8],
      [Number.NaN, 8],
      [0, 0],
      [5, -8],
    ]) {
      expect(verifyInclusion(LEAVES[5]!, index!, size!, proof, r)).toBe(false);
    }
    expect(verifyInclusion(LEAVES[5]!, 5, 8, proof, r.slice(0, 31))).toBe(false);
    const longHash = [proof[0]!, proof[1]!, concat(proof[2]!, Uint8Array.of(0))];
    expect(verifyInclusion(LEAVES[5]!, 5, 8, longHash, r)).toBe(false);
  });
});

describe("consistencyProof", () => {
  it.each(CONSISTENCY_VECTORS)(
    "matches the reference proof from size $oldSize to $newSize",
    (v) => {
      expect(hex(consistencyProof(LEAVES.slice(0, v.newSize), v.oldSize))).toEqual(v.proof);
    },
  );

  it("agrees with RFC 9162 PROOF(m, D[n]) for every pair of sizes up to 40", () => {
    const all = entries(40);
    for (let n = 1; n <= all.length; n++) {
      const d = all.slice(0, n);
      for (let m = 1; m <= n; m++) expect(consistencyProof(d, m)).toEqual(subproof(m, d, true));
    }
  });

  it("is empty from the empty tree and to the same size", () => {
    expect(consistencyProof(LEAVES, 0)).toEqual([]);
    expect(consistencyProof(LEAVES, 8)).toEqual([]);
    expect(consistencyProof([], 0)).toEqual([]);
  });

  it("throws a RangeError for an old size larger than the tree or not an integer", () => {
    for (const oldSize of [9, -1, 2.5, Number.NaN]) {
      expect(() => consistencyProof(LEAVES, oldSize)).toThrow(RangeError);
    }
  });
});

describe("verifyConsistency", () => {
  it.each(CONSISTENCY_VECTORS)(
    "accepts the reference proof from size $oldSize to $newSize",
    (v) => {
      const proof = v.proof.map(hexToBytes);
      expect(verifyConsistency(v.oldSize, v.newSize, root(v.oldSize), root(v.newSize), proof)).toBe(
        true,
      );
    },
  );

  it.each(CONSISTENCY_VECTORS.filter((v) => v.proof.length > 0))(
    "rejects every corruption of the proof from size $oldSize to $newSize",
    ({ oldSize: m, newSize: n, proof: hexProof }) => {
      const [r1, r2, proof] = [root(m), root(n), hexProof.map(hexToBytes)];
      const probes: Parameters<typeof verifyConsistency>[] = [
        [m - 1, n, r1, r2, proof],
        [m + 1, n, r1, r2, proof],
        [m ^ 2, n, r1, r2, proof],
        [m, n * 2, r1, r2, proof],
        [m, Math.floor(n / 2), r1, r2, proof],
        [m, n, SOME_HASH, r2, proof],
        [m, n, r1, SOME_HASH, proof],
        [m, n, r2, r1, proof],
        [m, n, r1, r2, []],
        [m, n, r1, r2, [...proof, r1]],
        [m, n, r1, r2, [...proof, r2]],
        [m, n, r1, r2, [r1, ...proof]],
        [m, n, r1, r2, [r2, ...proof]],
        [m, n, r1, r2, [proof[0]!, ...proof]],
        [m, n, r1, r2, [...proof, new Uint8Array(0)]],
        [m, n, r1, r2, proof.slice(0, -1)],
      ];
      for (let i = 0; i < proof.length; i++)
        probes.push([m, n, r1, r2, flipInProof(proof, i, 0, 4)]);
      for (const probe of probes) expect(verifyConsistency(...probe)).toBe(false);
    },
  );

  it("decides the trivial cases from the roots alone", () => {
    const [empty, a, b] = [emptyRoot(), root(1), root(2)];
    expect(verifyConsistency(0, 0, empty, empty, [])).toBe(true);
    expect(verifyConsistency(0, 5, empty, b, [])).toBe(true);
    expect(verifyConsistency(1, 1, a, a, [])).toBe(true);
    expect(verifyConsistency(0, 0, a, b, [])).toBe(false);
    expect(verifyConsistency(0, 5, a, b, [])).toBe(false);
    expect(verifyConsistency(1, 1, a, b, [])).toBe(false);
    expect(verifyConsistency(0, 0, empty, empty, [empty])).toBe(false);
    expect(verifyConsistency(0, 1, empty, a, [empty])).toBe(false);
    expect(verifyConsistency(1, 1, a, a, [a])).toBe(false);
    expect(verifyConsistency(1, 2, a, b, [])).toBe(false);
  });

  it("returns false instead of throwing for invalid arguments", () => {
    const [a, b] = [root(1), root(2)];
    for (const [m, n] of [
      [1, 0],
      [2, 1],
      [-1, 2],
      [1.5, 2],
      [1, Number.NaN],
      [1, 2 ** 53],
    ]) {
      expect(verifyConsistency(m!, n!, a, b, [hashLeaf(LEAVES[1]!)])).toBe(false);
    }
    expect(verifyConsistency(1, 2, a.slice(1), b, [hashLeaf(LEAVES[1]!)])).toBe(false);
  });
});

describe("proof plans", () => {
  const r = (start: number, end: number): SubtreeRange => ({ start, end });

  it("list the subtrees of the reference proofs, leaf side first", () => {
    expect(inclusionProofPlan(5, 8)).toEqual([r(4, 5), r(6, 8), r(0, 4)]);
    expect(inclusionProofPlan(0, 1)).toEqual([]);
    expect(consistencyProofPlan(6, 8)).toEqual([r(4, 6), r(6, 8), r(0, 4)]);
    expect(consistencyProofPlan(6, 7)).toEqual([r(4, 6), r(6, 7), r(0, 4)]);
    expect(consistencyProofPlan(4, 7)).toEqual([r(4, 7)]);
  });

  it("split RFC 9162 trees at the largest power of two below the size", () => {
    expect([2, 3, 4, 5, 8, 9, 2 ** 40 + 1].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8, 2 ** 40]);
    expect(() => splitPoint(1)).toThrow(RangeError);
  });

  it("cut a range into aligned perfect subtrees, largest first", () => {
    expect(perfectSubtrees(r(0, 7))).toEqual([r(0, 4), r(4, 6), r(6, 7)]);
    expect(perfectSubtrees(r(8, 16))).toEqual([r(8, 16)]);
    expect(perfectSubtrees(r(16, 27))).toEqual([r(16, 24), r(24, 26), r(26, 27)]);
    for (const bad of [r(1, 3), r(2, 6), r(3, 3), r(5, 4), r(-1, 0), r(0.5, 2)]) {
      expect(() => perfectSubtrees(bad)).toThrow(RangeError);
    }
    expect([r(8, 16), r(6, 7), r(0, 1)].every(isPerfectSubtree)).toBe(true);
    expect([r(0, 7), r(4, 12), r(3, 3), r(2, 1)].some(isPerfectSubtree)).toBe(false);
    expect(bytesToHex(rootFromPerfectSubtrees([]))).toBe(EMPTY_ROOT);
  });

  it("reject sizes and indices that do not describe a proof", () => {
    expect(() => inclusionProofPlan(3, 3)).toThrow(RangeError);
    expect(() => inclusionProofPlan(0, 0)).toThrow(RangeError);
    expect(() => inclusionProofPlan(0, 2 ** 53)).toThrow(RangeError);
    expect(() => consistencyProofPlan(4, 3)).toThrow(RangeError);
    expect(() => consistencyProofPlan(-1, 3)).toThrow(RangeError);
  });

  it("need at most one non-perfect subtree and O(log n) stored hashes, even for huge trees", () => {
    const size = 2 ** 52 + 12345;
    for (const plan of [inclusionProofPlan(size - 1, size), consistencyProofPlan(77, size)]) {
      expect(plan.filter((range) => !isPerfectSubtree(range)).length).toBeLessThanOrEqual(1);
      expect(plan.flatMap(perfectSubtrees).length).toBeLessThanOrEqual(2 * 53);
    }
  });

  it("rebuild the in-memory proofs from perfect-subtree hashes stored once at append time", () => {
    const all = entries(33);
    const stored = new Map<string, Uint8Array>();
    const key = ({ start, end }: SubtreeRange): string => `${end - start}@${start}`;
    // Like the hub: on each append, store the leaf and every perfect subtree it completes.
    all.forEach((leaf, i) => {
      let node = hashLeaf(leaf);
      stored.set(key(r(i, i + 1)), node);
      for (let size = 2; (i + 1) % size === 0; size *= 2) {
        node = hashChildren(stored.get(key(r(i + 1 - size, i + 1 - size / 2)))!, node);
        stored.set(key(r(i + 1 - size, i + 1)), node);
      }
    });
    const read = (range: SubtreeRange): Uint8Array => {
      expect(isPerfectSubtree(range)).toBe(true);
      return stored.get(key(range))!;
    };
    for (let n = 1; n <= all.length; n++) {
      const d = all.slice(0, n);
      expect(rootFromPerfectSubtrees(perfectSubtrees(r(0, n)).map(read))).toEqual(merkleRoot(d));
      for (let m = 0; m < n; m++) {
        expect(proofFromPlan(inclusionProofPlan(m, n), read)).toEqual(inclusionProof(d, m));
        expect(proofFromPlan(consistencyProofPlan(m, n), read)).toEqual(consistencyProof(d, m));
      }
    }
  });
});

describe("proof properties (fast-check)", () => {
  const trees = fc.array(fc.uint8Array({ minLength: 1, maxLength: 12 }), {
    minLength: 1,
    maxLength: 33,
  });
  const bit = fc.integer({ min: 0, max: 7 });

  it("every inclusion proof verifies, for every index of random trees", () => {
    fc.assert(
      fc.property(trees, (leaves) => {
        const r = merkleRoot(leaves);
        leaves.forEach((leaf, i) => {
          expect(verifyInclusion(leaf, i, leaves.length, inclusionProof(leaves, i), r)).toBe(true);
        });
      }),
      { numRuns: 40 },
    );
  });

  it("every consistency proof verifies, for every oldSize <= newSize of random trees", () => {
    fc.assert(
      fc.property(trees, (leaves) => {
        const roots = Array.from({ length: leaves.length + 1 }, (_, n) =>
          merkleRoot(leaves.slice(0, n)),
        );
        for (let n = 0; n <= leaves.length; n++) {
          for (let m = 0; m <= n; m++) {
            const proof = consistencyProof(leaves.slice(0, n), m);
            expect(verifyConsistency(m, n, roots[m]!, roots[n]!, proof)).toBe(true);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it("a flipped bit in any proof element, the root or the leaf fails inclusion", () => {
    fc.assert(
      fc.property(trees, fc.nat(), fc.nat(), bit, (leaves, pick, at, b) => {
        const i = pick % leaves.length;
        const [leaf, n, r, proof] = [
          leaves[i]!,
          leaves.length,
          merkleRoot(leaves),
          inclusionProof(leaves, i),
        ];
        proof.forEach((_, j) => {
          expect(verifyInclusion(leaf, i, n, flipInProof(proof, j, at, b), r)).toBe(false);
        });
        expect(verifyInclusion(leaf, i, n, proof, flipBit(r, at, b))).toBe(false);
        expect(verifyInclusion(flipBit(leaf, at, b), i, n, proof, r)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("a flipped bit in any proof element or either root fails consistency", () => {
    fc.assert(
      fc.property(trees, fc.nat(), fc.nat(), bit, (leaves, pick, at, b) => {
        const [n, m] = [leaves.length, pick % (leaves.length + 1)];
        const [r1, r2] = [merkleRoot(leaves.slice(0, m)), merkleRoot(leaves)];
        const proof = consistencyProof(leaves, m);
        proof.forEach((_, j) => {
          expect(verifyConsistency(m, n, r1, r2, flipInProof(proof, j, at, b))).toBe(false);
        });
        expect(verifyConsistency(m, n, flipBit(r1, at, b), r2, proof)).toBe(false);
        // From the empty tree nothing binds the new root: every tree extends it.
        if (m > 0) expect(verifyConsistency(m, n, r1, flipBit(r2, at, b), proof)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
