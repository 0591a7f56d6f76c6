import type { Logger } from "pino";
import type { SignedTreeHead } from "#shared/api/log";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import type { SignedLeaf } from "#shared/log/entries";
import { hashLeaf } from "#shared/log/merkle";
import type { Db } from "../store/database";
import type { Tx } from "../store/executor";
import {
  findLeafIndex,
  insertLogAppend,
  lockLogForAppend,
  readLatestHead,
  readLogFrontier,
  readLogLeaves,
} from "../store/log";
import { extendFrontier } from "./frontier";
import { groupCommit } from "./groupCommit";
import type { LogKey } from "./logKey";
import { storedConsistencyProof, storedInclusionProof } from "./storedProofs";
import { createHeadSigner, presentHead } from "./treeHeads";

/** How long {@link TransparencyLog.awaitHeadCovering} waits by default. */
const DEFAULT_HEAD_TIMEOUT_MS = 30_000;

/** Leaves per transaction when {@link TransparencyLog.append} batches concurrent calls. */
const MAX_LEAVES_PER_GROUP = 2_000;

/**
 * The hub's transparency log (DESIGN.md §5): append-only leaves in the database, perfect-subtree
 * hashes stored as they complete, and tree heads signed with the hub's log key after every
 * append batch. Leaves are validated and signature-checked by the callers; the log stores and
 * hashes them as given.
 */
export interface TransparencyLog {
  /** The log key's Ed25519 public key in base64url. */
  readonly publicKey: string;
  /**
   * Appends leaves inside the caller's transaction, so a register change and its log entries
   * commit together or not at all. Holds the log's append lock until that transaction ends:
   * call it last in the transaction, and never wait for a head inside it. The transaction must
   * be READ COMMITTED (the default). A head covering the leaves is signed after the commit.
   *
   * @returns the position of each leaf, in order.
   * @throws if a leaf was logged before (unique leaf hash); the transaction is then aborted.
   */
  appendInTransaction(tx: Tx, leaves: readonly SignedLeaf[]): Promise<number[]>;
  /** Appends leaves in a transaction of its own; concurrent calls share one transaction. */
  append(leaves: readonly SignedLeaf[]): Promise<number[]>;
  /**
   * The signed head of the largest tree, signed by any hub sharing the database. It covers every
   * leaf this process committed before the call: a write this hub acknowledged shows in the
   * next head it serves.
   */
  latestHead(): Promise<SignedTreeHead | undefined>;
  /**
   * Resolves with a signed head of at least `treeSize` leaves, e.g. `max(indices) + 1` after an
   * append. Rejects after `timeoutMs` (default 30 s) if those leaves never commit.
   */
  awaitHeadCovering(treeSize: number, options?: { timeoutMs?: number }): Promise<SignedTreeHead>;
  /** Signs a head for the committed tree unless one covers it (at start: the first head). */
  ensureCurrentHead(): Promise<SignedTreeHead>;
  /** Leaves `[start, end)` as their canonical JSON bytes; the caller bounds `end`. */
  leaves(start: number, end: number): Promise<{ index: number; leaf: Uint8Array }[]>;
  /** Position of the leaf with this RFC 9162 leaf hash, or undefined. */
  findLeaf(leafHash: Uint8Array): Promise<number | undefined>;
  /** Inclusion proof of leaf `index` in the tree of `treeSize` committed leaves. */
  inclusionProof(index: number, treeSize: number): Promise<Uint8Array[]>;
  /** Consistency proof between the committed trees of `fromSize` and `toSize` leaves. */
  consistencyProof(fromSize: number, toSize: number): Promise<Uint8Array[]>;
  /** Stops signing heads; call before closing the database. */
  close(): Promise<void>;
}

/** What the log needs: its database, the hub's log key, a clock and a logger. */
export interface TransparencyLogOptions {
  readonly key: LogKey;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** Creates the log service over `db`. Several services (hubs) may share one PostgreSQL. */
export function createTransparencyLog(db: Db, options: TransparencyLogOptions): TransparencyLog {
  const signer = createHeadSigner({ db, ...options });

  /** Writes the leaves and their new nodes under the append lock; returns the new tree size. */
  async function appendLocked(tx: Tx, leaves: readonly SignedLeaf[]): Promise<number> {
    // Serialise and hash before taking the lock, which every hub waits for.
    const encoded = leaves.map((leaf) => {
      const bytes = canonicalJsonBytes(leaf);
      return { bytes, hash: hashLeaf(bytes), entryType: leaf.entry.type };
    });
    await lockLogForAppend(tx);
    const frontier = await readLogFrontier(tx);
    const extended = extendFrontier(
      frontier,
      encoded.map((leaf) => leaf.hash),
    );
    const rows = encoded.map((leaf, offset) => ({
      index: frontier.size + offset,
      leaf: leaf.bytes,
      leafHash: leaf.hash,
      entryType: leaf.entryType,
    }));
    await insertLogAppend(tx, rows, extended.nodes);
    return extended.size;
  }

  /** Positions `size - count` to `size - 1`. */
  const positions = (size: number, count: number) =>
    Array.from({ length: count }, (_, offset) => size - count + offset);

  async function appendInTransaction(tx: Tx, leaves: readonly SignedLeaf[]): Promise<number[]> {
    if (leaves.length === 0) return [];
    const size = await appendLocked(tx, leaves);
    // The caller commits later: the signer waits until these leaves are committed or abandoned.
    signer.request(size);
    return positions(size, leaves.length);
  }

  const append = groupCommit<SignedLeaf>(async (leaves) => {
    const size = await db.transaction((tx) => appendLocked(tx, leaves));
    signer.request(size);
    return positions(size, leaves.length);
  }, MAX_LEAVES_PER_GROUP);

  return {
    publicKey: options.key.publicKey,
    appendInTransaction,
    append,
    async latestHead() {
      await signer.catchUp();
      const head = await readLatestHead(db);
      return head && presentHead(head);
    },
    awaitHeadCovering: (treeSize, waitOptions) =>
      signer.awaitCovering(treeSize, waitOptions?.timeoutMs ?? DEFAULT_HEAD_TIMEOUT_MS),
    ensureCurrentHead: () => signer.signCommitted(),
    leaves: (start, end) => readLogLeaves(db, start, end),
    findLeaf: (leafHash) => findLeafIndex(db, leafHash),
    inclusionProof: (index, treeSize) => storedInclusionProof(db, index, treeSize),
    consistencyProof: (fromSize, toSize) => storedConsistencyProof(db, fromSize, toSize),
    close: () => signer.close(),
  };
}
