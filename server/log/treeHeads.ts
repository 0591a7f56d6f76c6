import type { Logger } from "pino";
import type { SignedTreeHead } from "#shared/api/log";
import { toBase64Url } from "#shared/encoding";
import type { Db } from "../store/database";
import {
  insertHead,
  lockLogForAppend,
  readLatestHead,
  readLogFrontier,
  type StoredHead,
} from "../store/log";
import { frontierRoot } from "./frontier";
import type { LogKey } from "./logKey";

/**
 * Signs tree heads after appends commit, one head per burst: requests made while a signature is
 * being produced are served by the next one, so a thousand concurrent appends cost a handful of
 * signatures, not a thousand.
 */
export interface HeadSigner {
  /** Asks for a head covering `size` leaves, once they are committed (or abandoned). */
  request(size: number): void;
  /** Resolves with a signed head of at least `size` leaves; rejects after `timeoutMs`. */
  awaitCovering(size: number, timeoutMs: number): Promise<SignedTreeHead>;
  /** Signs the committed tree unless a head already covers it; returns the latest head. */
  signCommitted(): Promise<SignedTreeHead>;
  /** Stops signing and fails pending waits; waits for a signature in progress. */
  close(): Promise<void>;
}

interface Waiter {
  readonly size: number;
  resolve(head: SignedTreeHead): void;
  reject(error: Error): void;
  readonly timer: NodeJS.Timeout;
}

/** The wire form of a stored head. */
export function presentHead(head: StoredHead): SignedTreeHead {
  return {
    v: 1,
    treeSize: head.treeSize,
    rootHash: toBase64Url(head.rootHash),
    timestamp: head.timestamp.toISOString(),
    signature: toBase64Url(head.signature),
  };
}

export function createHeadSigner(options: {
  db: Db;
  key: LogKey;
  now: () => Date;
  logger: Logger;
}): HeadSigner {
  const { db, key, now, logger } = options;
  /** The largest head this process has stored or read. */
  let known: StoredHead | undefined;
  /** The largest size asked for and not yet known to be committed or abandoned. */
  let wanted = 0;
  let scheduled = false;
  let running: Promise<void> | undefined;
  let closed = false;
  const waiters = new Set<Waiter>();

  const knownSize = () => known?.treeSize ?? -1;

  function settle(error?: Error): void {
    for (const waiter of waiters) {
      if (known && waiter.size <= known.treeSize) waiter.resolve(presentHead(known));
      else if (error) waiter.reject(error);
      else continue;
      clearTimeout(waiter.timer);
      waiters.delete(waiter);
    }
  }

  async function signCommittedTree(): Promise<void> {
    const target = wanted;
    let frontier = await readLogFrontier(db);
    if (frontier.size < target) {
      // An append is still in its caller's transaction: the lock is free once it ends.
      frontier = await db.transaction(async (tx) => {
        await lockLogForAppend(tx);
        return readLogFrontier(tx);
      });
      // Still short: that transaction rolled back, and nobody will commit those leaves.
      if (frontier.size < target && wanted === target) wanted = frontier.size;
    }
    if (known === undefined) known = await readLatestHead(db);
    if (frontier.size <= knownSize()) return;
    // A clock that steps back must not give a larger tree an older time.
    const time = new Date(Math.max(now().getTime(), known?.timestamp.getTime() ?? 0));
    const rootHash = frontierRoot(frontier);
    const signature = key.signTreeHead({
      v: 1,
      type: "tree-head",
      treeSize: frontier.size,
      rootHash: toBase64Url(rootHash),
      timestamp: time.toISOString(),
    });
    known = await insertHead(db, { treeSize: frontier.size, rootHash, timestamp: time, signature });
  }

  function run(): Promise<void> {
    running ??= signCommittedTree().then(
      () => {
        running = undefined;
        settle();
        // Appends that committed while this head was being signed get the next one.
        if (wanted > knownSize()) schedule();
      },
      (error: unknown) => {
        running = undefined;
        // No retry loop on a failing database: the next append asks again.
        logger.warn({ error: String(error) }, "signing a tree head failed");
        settle(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return running;
  }

  function schedule(): void {
    if (closed || scheduled || running) return;
    scheduled = true;
    // The next turn of the event loop, so that appends committed together share one head.
    setImmediate(() => {
      scheduled = false;
      if (!closed) void run();
    });
  }

  function request(size: number): void {
    wanted = Math.max(wanted, size);
    if (size > knownSize()) schedule();
  }

  return {
    request,
    awaitCovering(size, timeoutMs) {
      if (known && size <= known.treeSize) return Promise.resolve(presentHead(known));
      if (closed) return Promise.reject(new Error("the transparency log is closed"));
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          size,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`no signed tree head covers ${size} leaves after ${timeoutMs} ms`));
          }, timeoutMs),
        };
        waiters.add(waiter);
        request(size);
      });
    },
    async signCommitted() {
      if (running) await running;
      await signCommittedTree();
      if (!known) throw new Error("no tree head after signing");
      settle();
      return presentHead(known);
    },
    async close() {
      closed = true;
      if (running) await running;
      settle(new Error("the transparency log is closed"));
    },
  };
}
