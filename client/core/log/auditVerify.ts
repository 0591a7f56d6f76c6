import type { SignedTreeHead } from "#shared/api/log";
import { bytesEqual } from "#shared/log/merkle";
import { type DeviceCrypto, sodiumDeviceCrypto } from "../crypto/index.ts";
import { IncrementalMerkleTree, type LogHasher } from "./incrementalTree.ts";
import { decodeBase64Url, verifyTreeHeadSignature } from "./treeHead.ts";
import { TrustChain } from "./trustChain.ts";

/**
 * What is wrong with an exported log:
 * - `head_signature`: a head not signed by the log key;
 * - `forked_heads`: two signed heads of one size with different roots;
 * - `root_mismatch`: the leaves do not hash to a signed head's root;
 * - `invalid_leaf`: a leaf that is not a canonical, correctly signed entry;
 * - `broken_chain`: a leaf that does not chain back to the network root;
 * - `truncated`: fewer leaves than a signed head counts;
 * - `unsigned_leaves`: leaves beyond the largest signed head, which nothing vouches for.
 */
export type AuditFailureKind =
  | "head_signature"
  | "forked_heads"
  | "root_mismatch"
  | "invalid_leaf"
  | "broken_chain"
  | "truncated"
  | "unsigned_leaves";

/** The first problem found in an export. */
export interface AuditFailure {
  readonly kind: AuditFailureKind;
  /**
   * The first bad leaf index: exact for a leaf's own problem; for `root_mismatch`, the first
   * leaf not covered by an earlier verified head (some leaf from there on was changed); null
   * for a problem of the heads alone.
   */
  readonly index: number | null;
  /** The size of the head concerned, if any. */
  readonly treeSize: number | null;
  readonly reason: string;
}

/** Options of {@link LogAuditor}. */
export interface LogAuditorOptions {
  /** The signed heads to check; any order, duplicates allowed. */
  readonly heads: readonly SignedTreeHead[];
  /** The log key (base64url or raw) the heads must be signed with. */
  readonly logPublicKey: string | Uint8Array;
  /**
   * Check every leaf's signatures and the chain of trust (default true). About 0.1 ms per
   * signature with libsodium: the Merkle structure of a million leaves takes seconds, their
   * signatures minutes. Without it, only the heads' signatures and roots are checked.
   */
  readonly leafSignatures?: boolean;
  /** Crypto for the signatures; must be ready. Default: libsodium. */
  readonly crypto?: DeviceCrypto;
  /** Hash functions; default the shared module's (`@noble/hashes`). */
  readonly hasher?: LogHasher;
}

interface ExpectedHead {
  readonly head: SignedTreeHead;
  readonly root: Uint8Array;
}

/**
 * Replays a log leaf by leaf, synchronously: recomputes the root at every signed head with an
 * {@link IncrementalMerkleTree}, and (optionally) checks every leaf with a {@link TrustChain}.
 * Call {@link checkHeads} first, {@link add} for each leaf in order, {@link finish} at the end;
 * each returns the first problem, after which the auditor must not be used further.
 */
export class LogAuditor {
  private readonly tree: IncrementalMerkleTree;
  private readonly chain: TrustChain | null;
  private readonly crypto: DeviceCrypto;
  private expected: ExpectedHead[] = [];
  private next = 0;
  private verifiedSize = 0;

  constructor(private readonly options: LogAuditorOptions) {
    this.crypto = options.crypto ?? sodiumDeviceCrypto;
    this.tree = new IncrementalMerkleTree(options.hasher);
    this.chain = options.leafSignatures === false ? null : new TrustChain(this.crypto);
  }

  /** Leaves added so far. */
  get leafCount(): number {
    return this.tree.size;
  }

  /** Checks every head's signature, and that no two heads of one size disagree. */
  checkHeads(): AuditFailure | null {
    const key =
      typeof this.options.logPublicKey === "string"
        ? decodeBase64Url(this.options.logPublicKey)
        : this.options.logPublicKey;
    const sorted = [...this.options.heads].sort((a, b) => a.treeSize - b.treeSize);
    const expected: ExpectedHead[] = [];
    for (const head of sorted) {
      const root = decodeBase64Url(head.rootHash);
      if (key === null || root === null || !verifyTreeHeadSignature(this.crypto, head, key)) {
        return headFailure("head_signature", head, "is not signed by the log key");
      }
      const previous = expected[expected.length - 1];
      if (previous && previous.head.treeSize === head.treeSize) {
        if (!bytesEqual(previous.root, root)) {
          return headFailure("forked_heads", head, "has two signed roots: the log forked");
        }
        continue;
      }
      expected.push({ head, root });
    }
    this.expected = expected;
    return this.checkReachedHeads();
  }

  /** Checks and appends the next leaf. */
  add(leaf: Uint8Array): AuditFailure | null {
    if (this.chain !== null) {
      const problem = this.chain.add(leaf);
      if (problem !== null) {
        return { kind: problem.kind, index: problem.index, treeSize: null, reason: problem.reason };
      }
    }
    this.tree.append(leaf);
    return this.checkReachedHeads();
  }

  /** After the last leaf: every head reached, no unsigned leaf, the bootstrap complete. */
  finish(): AuditFailure | null {
    const missing = this.expected[this.next];
    if (missing !== undefined) {
      const size = missing.head.treeSize;
      const reason = `the export ends after ${this.tree.size} leaves, but a signed head counts ${size}`;
      return { kind: "truncated", index: this.tree.size, treeSize: size, reason };
    }
    if (this.tree.size > this.verifiedSize) {
      const reason = `leaves from ${this.verifiedSize} on are covered by no signed head`;
      return { kind: "unsigned_leaves", index: this.verifiedSize, treeSize: null, reason };
    }
    const problem = this.chain?.finish() ?? null;
    if (problem === null) return null;
    return { kind: problem.kind, index: problem.index, treeSize: null, reason: problem.reason };
  }

  private checkReachedHeads(): AuditFailure | null {
    for (;;) {
      const expected = this.expected[this.next];
      if (expected === undefined || expected.head.treeSize !== this.tree.size) return null;
      if (!bytesEqual(this.tree.root(), expected.root)) {
        const size = expected.head.treeSize;
        const reason = `leaves ${this.verifiedSize} to ${size - 1} do not hash to the signed head of size ${size}`;
        return { kind: "root_mismatch", index: this.verifiedSize, treeSize: size, reason };
      }
      this.verifiedSize = expected.head.treeSize;
      this.next += 1;
    }
  }
}

function headFailure(kind: AuditFailureKind, head: SignedTreeHead, what: string): AuditFailure {
  return {
    kind,
    index: null,
    treeSize: head.treeSize,
    reason: `the head of size ${head.treeSize} ${what}`,
  };
}

/** The outcome of {@link verifyExportedLog}. */
export interface AuditReport {
  /** True when every check passed. */
  readonly ok: boolean;
  /** Leaves read. */
  readonly leafCount: number;
  /** Signed heads checked. */
  readonly headCount: number;
  /** Whether leaf signatures and the chain of trust were checked. */
  readonly leafSignatures: boolean;
  /** The first problem, or null. */
  readonly failure: AuditFailure | null;
}

/** Input of {@link verifyExportedLog}. */
export interface VerifyExportedLogInput extends LogAuditorOptions {
  /** The leaves in log order, in batches (see `openLogExport`). */
  readonly leaves: AsyncIterable<readonly Uint8Array[]> | Iterable<readonly Uint8Array[]>;
  /** Called after each batch with the number of leaves checked. */
  readonly onProgress?: (checked: number) => void;
}

/**
 * Verifies an exported log offline (`relais audit verify`): every head's signature, the root at
 * every head recomputed from the leaves, and by default every leaf's signatures and the chain of
 * trust. Stops at the first problem and reports it with the first bad index.
 */
export async function verifyExportedLog(input: VerifyExportedLogInput): Promise<AuditReport> {
  const leafSignatures = input.leafSignatures !== false;
  await (input.crypto ?? sodiumDeviceCrypto).ready();
  const auditor = new LogAuditor(input);
  const report = (failure: AuditFailure | null): AuditReport => ({
    ok: failure === null,
    leafCount: auditor.leafCount,
    headCount: input.heads.length,
    leafSignatures,
    failure,
  });
  const headProblem = auditor.checkHeads();
  if (headProblem !== null) return report(headProblem);
  for await (const batch of input.leaves) {
    for (const leaf of batch) {
      const problem = auditor.add(leaf);
      if (problem !== null) return report(problem);
    }
    input.onProgress?.(auditor.leafCount);
  }
  return report(auditor.finish());
}
