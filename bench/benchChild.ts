import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Envelope } from "#shared/channels/envelope";

const root = fileURLToPath(new URL("..", import.meta.url));

/** What the parent asks a bench server child (`deliveryHub.ts`, `wsRelay.ts`) over IPC. */
export type ChildCommand =
  /** Collect garbage, then report `process.memoryUsage().heapUsed`. */
  | { readonly kind: "heap" }
  /** Move the hub's clock forward (TOTP steps); the relay ignores it. */
  | { readonly kind: "advance"; readonly ms: number }
  /**
   * Store sealed envelopes in a channel straight through the hub's store, `batch` per
   * transaction (one sequence update and one multi-row insert each), pushing nothing; the hub
   * only. Fills a channel for the catch-up benchmark, and times batched storage.
   */
  | {
      readonly kind: "store";
      readonly channelId: string;
      readonly envelopes: readonly Envelope[];
      readonly batch: number;
    };

/** The first message of a child: where it listens and, for a fresh hub, its bootstrap code. */
export interface ChildReady {
  readonly kind: "ready";
  readonly url: string;
  readonly bootstrapCode: string | null;
}

/** A child's answer to one {@link ChildCommand}, echoing the command's id. */
export interface ChildReply {
  readonly kind: "reply";
  readonly id: number;
  /** After `heap`, else 0. */
  readonly heapUsed: number;
  /** How long the command took in the child, in ms. */
  readonly elapsedMs: number;
}

/** A command with the id its reply echoes. */
export type ChildRequest = ChildCommand & { readonly id: number };

/** A bench server running in its own process, driven over IPC. */
export interface BenchChild {
  readonly url: string;
  readonly bootstrapCode: string | null;
  /** Sends a command and resolves with the child's reply. */
  call(command: ChildCommand): Promise<ChildReply>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts a TypeScript entry point in a process of its own with `--expose-gc` and an IPC channel,
 * and waits for its {@link ChildReady}; `env` is its whole environment, `nodeArgs` go to node (e.g. `--cpu-prof`). The server runs apart from the benchmark's clients, so
 * each side has its own event loop (and, on two cores, its own core), as in production.
 */
export function startBenchChild(
  entry: string,
  env: NodeJS.ProcessEnv = process.env,
  nodeArgs: readonly string[] = [],
): Promise<BenchChild> {
  const args = ["--expose-gc", ...nodeArgs, "--import", "tsx", entry];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  let nextId = 1;
  const pending = new Map<number, (reply: ChildReply) => void>();
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return new Promise((resolve, reject) => {
    const onEarlyExit = (code: number | null) => reject(new Error(`${entry} exited with ${code}`));
    child.once("exit", onEarlyExit);
    child.on("message", (message: ChildReady | ChildReply) => {
      if (message.kind === "reply") {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
        return;
      }
      child.off("exit", onEarlyExit);
      resolve({
        url: message.url,
        bootstrapCode: message.bootstrapCode,
        call(command) {
          const id = nextId++;
          return new Promise((answered) => {
            pending.set(id, answered);
            child.send({ ...command, id } satisfies ChildRequest);
          });
        },
        stop() {
          child.kill("SIGTERM");
          return exited;
        },
      });
    });
  });
}

/** Heap after two full collections, for a child started with `--expose-gc`. */
export async function collectedHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("start the process with --expose-gc");
  gc();
  // Finalizers and weak callbacks run between the two passes.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Answers the parent's commands in a bench server child: `handle` does what the command asks
 * (nothing for a plain server), then the reply carries the heap (after `heap`) and the time.
 */
export function answerParent(handle: (request: ChildRequest) => Promise<void> = async () => {}) {
  process.on("message", (request: ChildRequest) => {
    void (async () => {
      const started = performance.now();
      await handle(request);
      const heapUsed = request.kind === "heap" ? await collectedHeap() : 0;
      const elapsedMs = performance.now() - started;
      const reply: ChildReply = { kind: "reply", id: request.id, heapUsed, elapsedMs };
      process.send?.(reply);
    })();
  });
}
