import { ConfigError, describeDatabase, loadConfig } from "./config";
import { startHub } from "./hub";
import { createLogger, safeError } from "./logger";

/** The `npm start` entry point: parse the environment, start the hub, stop it on a signal. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    // The one place that reads process.env; everything else receives the parsed config.
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`relais: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const hub = await startHub(config, { logger });
  // Standard output only, never the logger: the bootstrap code must not reach log files.
  // One write, so that whoever reads the banner gets all of it at once.
  const bootstrap = hub.bootstrapCode
    ? `Bootstrap code (enrols the first administrator, shown once): ${hub.bootstrapCode}\n` +
      `Redeem it with: npx relais enrol --hub ${hub.url} --code <code>\n`
    : "";
  process.stdout.write(
    `${bootstrap}Relais hub listening on ${hub.url}\nDatabase: ${describeDatabase(config)}\n` +
      `Log key (Ed25519, base64url): ${hub.logPublicKey}\n`,
  );
  logger.info({ url: hub.url, database: config.database.kind }, "hub started");

  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, "shutting down");
    hub.stop().then(
      () => {
        logger.info("hub stopped");
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ error: safeError(error) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `relais: the hub could not start (${error instanceof Error ? error.message : String(error)})\n`,
  );
  process.exit(1);
});
