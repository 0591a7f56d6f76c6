import type { Server } from "node:http";
import type { HubContext } from "../context";
import { safeError } from "../logger";

/** A job of the hub: an interval the hub starts and stops, and one pass for tests. */
export interface PeriodicJob<Report> {
  start(): void;
  stop(): void;
  /** One pass at `now` (the hub's clock by default, so tests that move the clock move it). */
  runOnce(now?: Date): Promise<Report>;
}

/**
 * Runs `pass` every `intervalMs` once started (the timer keeps no process alive); a failed pass
 * is logged as `<name> failed` and the next one runs as planned.
 */
export function periodicJob<Report>(
  hub: HubContext,
  name: string,
  intervalMs: number,
  pass: (now: Date) => Promise<Report>,
): PeriodicJob<Report> {
  let timer: NodeJS.Timeout | undefined;
  const runOnce = (now: Date = hub.now()) => pass(now);
  return {
    runOnce,
    start() {
      timer ??= setInterval(() => {
        runOnce().catch((error: unknown) =>
          hub.logger.error({ error: safeError(error) }, `${name} failed`),
        );
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

/** Starts `job` for as long as `server` listens (one line per job in `server/hub.ts`). */
export function runWhileListening<Job extends PeriodicJob<unknown>>(job: Job, server: Server): Job {
  job.start();
  server.once("close", () => job.stop());
  return job;
}
