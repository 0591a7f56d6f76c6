import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { pino } from "pino";
import { loadConfig } from "#server/config";
import { type RunningHub, startHub } from "#server/hub";
import { createLogger } from "#server/logger";
import { DemoCheckFailed } from "./steps.ts";

/** The demo's hub: everything it writes (database, key files, log) is inside `dataDir`. */
export interface DemoHub {
  readonly hub: RunningHub;
  readonly url: string;
  /** The hub's bootstrap code, issued at this first start. */
  readonly bootstrapCode: string;
  /** The hub's pino JSON log, `dataDir/hub.log`. */
  readonly logFile: string;
  /**
   * Stops the hub (sockets, HTTP, database), then flushes and closes the log file. Idempotent.
   */
  stop(): Promise<void>;
}

/**
 * Enrolment codes are limited per IP (20 attempts an hour, two per enrolment). In the demo the
 * twelve people of four countries all enrol from 127.0.0.1, so that one limit is raised; every
 * other limit is the production one.
 */
const demoRateLimits = { settings: { enrolmentAttemptsPerIp: 100 } };

/**
 * Starts an embedded hub (PGlite in `dataDir/pglite`, key files in `dataDir`) on a free port of
 * 127.0.0.1, logging at debug level to `dataDir/hub.log`, so that a scan of `dataDir` covers all
 * the hub ever stored or logged. The directory must be new or empty: the demo bootstraps.
 */
export async function startDemoHub(dataDir: string): Promise<DemoHub> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if ((await readdir(dataDir)).length > 0) {
    throw new DemoCheckFailed(`the data directory ${dataDir} is not empty; give a new one`);
  }
  const logFile = join(dataDir, "hub.log");
  // Synchronous writes: every line is in the file before the process exits, even on a failure.
  // Mode 0600 like the key files: the log names people, devices and channels.
  const destination = pino.destination({ dest: logFile, sync: true, mkdir: true, mode: 0o600 });
  const logger = createLogger("debug", destination);
  // The environment is built here, not read: the demo runs the same whatever the shell sets.
  const config = loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "debug",
  });
  const hub = await startHub(config, { logger, rateLimits: demoRateLimits });
  if (hub.bootstrapCode === null) {
    await hub.stop();
    throw new DemoCheckFailed("the hub issued no bootstrap code");
  }
  logger.info({ url: hub.url, database: config.database.kind }, "hub started");
  let stopping: Promise<void> | undefined;
  return {
    hub,
    url: hub.url,
    bootstrapCode: hub.bootstrapCode,
    logFile,
    stop() {
      stopping ??= (async () => {
        await hub.stop();
        logger.info("hub stopped");
        logger.flush();
        destination.end();
      })();
      return stopping;
    },
  };
}
