import type { Logger } from "pino";
import type { SignedTreeHead } from "#shared/api/log";
import { toBase64Url } from "#shared/encoding";
import type { Db } from "../store/database";
import {
  insertHead,
  type LogFrontier,
  readLatestHead,
  readLogFrontier,
  type StoredHead,
  tryLockLogForAppend,
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
  /**
   * Settles once every leaf this process committed before the call is covered by a stored head
   * (or signing failed and was logged). Costs nothing when no head is owed; never waits for a
   * transaction still open.
   */
  catchUp(): Promise<void>;
  /** Stops signing and fails pending waits; waits for a signature in progress. */
  close(): Promise<void>;
}

/** Longest pause between looks at leaves whose transaction is still open. */
const MAX_RETRY_DELAY_MS = 100;

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

/**
 * Creates the head signer of one hub process. Heads of several hubs sharing a database go into
 * one table; two hubs signing the same size keep the first head stored.
 */
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
  let retryDelayMs = 0;
  /** Counts requests, to tell an abandoned request from one made after a look at the lock. */
  let requestCount = 0;
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

  /**
   * The committed tree, and whether every leaf asked for is committed or abandoned. Leaves are
   * asked for before their caller's transaction commits; while one holds the append lock they
   * may still come. Never waits for the lock, so signing never queues behind appends.
   */
  async function committedFrontier(
    target: number,
  ): Promise<{ frontier: LogFrontier; settled: boolean }> {
    const frontier = await readLogFrontier(db);
    if (frontier.size >= target) return { frontier, settled: true };
    let requestsWhileIdle = -1;
    const idle = await db.transaction(async (tx) => {
      if (!(await tryLockLogForAppend(tx))) return undefined;
      // Holding the lock, no append can ask for a head: every request so far is settled.
      requestsWhileIdle = requestCount;
      return readLogFrontier(tx);
    });
    if (!idle) return { frontier, settled: false };
    // Nobody was appending, yet leaves are missing: their transaction rolled back. Requests
    // made since the lock was released are for appends after that and are kept.
    if (requestCount === requestsWhileIdle && idle.size < wanted) wanted = idle.size;
    return { frontier: idle, settled: true };
  }

  /** Signs the committed tree if it is larger than the latest known head; true once settled. */
  async function signCommittedTree(): Promise<boolean> {
    const { frontier, settled } = await committedFrontier(wanted);
    if (known === undefined) known = await readLatestHead(db);
    if (frontier.size <= knownSize()) return settled;
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
    return settled;
  }

  function run(): Promise<void> {
    running ??= signCommittedTree().then(
      (settled) => {
        running = undefined;
        settle();
        // Leaves still in flight: look again soon, backing off while a transaction stays open.
        retryDelayMs = settled ? 0 : Math.min(MAX_RETRY_DELAY_MS, Math.max(1, retryDelayMs * 2));
        // Appends that committed while this head was being signed get the next one.
        if (wanted > knownSize()) schedule(retryDelayMs);
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

  function schedule(delayMs = 0): void {
    if (closed || scheduled || running) return;
    scheduled = true;
    const start = () => {
      scheduled = false;
      if (!closed) void run();
    };
    // The next turn of the event loop at the earliest, so that appends committed together
    // share one head.
    if (delayMs === 0) setImmediate(start);
    else setTimeout(start, delayMs);
  }

  function request(size: number): void {
    requestCount += 1;
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
    async catchUp() {
      if (closed || wanted <= knownSize()) return;
      // A pass already running may have read the tree before the caller's commit.
      if (running) await running;
      if (wanted > knownSize()) await run();
    },
    async close() {
      closed = true;
      if (running) await running;
      settle(new Error("the transparency log is closed"));
    },
  };
}
