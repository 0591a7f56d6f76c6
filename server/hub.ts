import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { Server as SocketServer } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "#shared/events";
import { createRateLimits, type RateLimitSettings } from "./abuse/rateLimits";
import { issueBootstrapCodeIfNeeded } from "./commands/bootstrap";
import type { Config } from "./config";
import type { HubContext } from "./context";
import { createHttpApp } from "./http/app";
import { routes } from "./http/routes/index";
import { resolveSession, sessionToken } from "./identity/authenticate";
import { bindKeysToDatabase } from "./identity/keyBinding";
import { createSecretBox, loadSecretKey } from "./identity/secretKey";
import { createSessionControl } from "./identity/sessionControl";
import { runAlertJobsWhile } from "./jobs/alertJobs";
import { createContactVerificationJob } from "./jobs/contactVerification";
import { runMlaJobsWhile } from "./jobs/mlaJobs";
import { runWhileListening } from "./jobs/periodicJob";
import { runUploadExpiryWhile } from "./jobs/uploadExpiry";
import { createTransparencyLog, loadLogKey } from "./log/index";
import { safeError } from "./logger";
import { createMetrics } from "./metrics";
import {
  authenticateSocket,
  endExpiredSockets,
  forgetCredentials,
  SESSION_SWEEP_MS,
} from "./realtime/authenticateSocket";
import { createDelivery } from "./realtime/delivery";
import { eventDispatcher } from "./realtime/dispatch";
import type { SocketData } from "./realtime/event";
import { events } from "./realtime/events/index";
import { forgetUpgradeRequest } from "./realtime/upgradeRequest";
import { openDatabase } from "./store/database";
import { ensureHubIdentity } from "./store/hubMeta";

const packageVersion = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

export interface HubOptions {
  logger: Logger;
  /** Replaces the clock (tests). */
  now?: () => Date;
  /** Lower limits and a private key prefix, for tests of the limits themselves. */
  rateLimits?: { settings?: Partial<RateLimitSettings>; keyPrefix?: string };
}

/** A running hub: its address, its context and how to stop it. */
export interface RunningHub {
  readonly url: string;
  readonly port: number;
  readonly context: HubContext;
  /** The Ed25519 public key of the log key, in base64url; `main` prints it in the banner. */
  readonly logPublicKey: string;
  /** The one-time bootstrap code issued at this start, or null; `main` prints it once. */
  readonly bootstrapCode: string | null;
  readonly io: SocketServer<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    SocketData
  >;
  /** Stops accepting, closes sockets and connections, then closes the database. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a hub: opens the database, applies pending migrations, then listens for HTTP and
 * Socket.IO on one port. Fails without listening if the database cannot be prepared.
 */
export async function startHub(config: Config, options: HubOptions): Promise<RunningHub> {
  const { logger } = options;
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  const now = options.now ?? (() => new Date());
  let identity: Awaited<ReturnType<typeof ensureHubIdentity>>;
  let secretKey: Buffer;
  let logKey: Awaited<ReturnType<typeof loadLogKey>>;
  try {
    identity = await ensureHubIdentity(database.db);
    secretKey = await loadSecretKey(config.secretKeyFile);
    logKey = await loadLogKey(config.logKeyFile);
    await bindKeysToDatabase(
      database.db,
      {
        secretKey,
        secretKeyFile: config.secretKeyFile,
        logPublicKey: logKey.publicKey,
        logKeyFile: config.logKeyFile,
      },
      now(),
    );
  } catch (error) {
    await database.close();
    throw error;
  }
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 })
    : undefined;
  // Transparency log: the key is created on first start; the first head is signed now.
  const log = createTransparencyLog(database.db, { key: logKey, now, logger });
  await log.ensureCurrentHead();
  const context: HubContext = {
    config,
    logger,
    database,
    metrics: createMetrics(),
    identity,
    version: packageVersion,
    secrets: createSecretBox(secretKey),
    sessions: createSessionControl(database.db, now),
    delivery: createDelivery(),
    rateLimits: createRateLimits({
      redis,
      ...options.rateLimits,
      settings: {
        socketEvents: config.socketEventsPerSecond,
        socketBurstEvents: 2 * config.socketEventsPerSecond,
        ...options.rateLimits?.settings,
      },
    }),
    log,
    now,
  };
  const { metrics } = context;
  const bootstrapCode = await issueBootstrapCodeIfNeeded(context);

  const socketRedis = redis?.duplicate();
  const app = createHttpApp({
    hub: context,
    routes,
    authenticate: (req) => resolveSession(context, sessionToken(req.headers)),
  });
  const server: Server = config.tls
    ? createHttpsServer(
        { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) },
        app,
      )
    : createHttpServer(app);

  const io = new SocketServer<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    SocketData
  >(server, {
    transports: ["websocket"],
    serveClient: false,
    maxHttpBufferSize: config.bodyLimitBytes,
    // With Redis, events (and revocations) reach sockets on every hub. The adapter blocks its
    // connection on XREAD, so it gets its own, apart from the rate limiters'.
    ...(socketRedis ? { adapter: createAdapter(socketRedis) } : {}),
  });
  io.engine.use(forgetUpgradeRequest);
  io.use(authenticateSocket(context));
  context.sessions.attach(io);
  context.delivery.attach(io);
  metrics.countSocketsWith(() => io.of("/").sockets.size);
  // Nothing per socket that can be shared: one listener for every event of every socket, one
  // sweep for the ends of sessions, the gauge read when scraped (idle sockets are the hub's
  // largest population; see socket.heap_per_idle in bench/).
  const dispatch = eventDispatcher(events, context);
  io.on("connection", (socket) => {
    // The HTTP request behind the connection is not read after the handshake (which kept what
    // it needs): dropping it saves kilobytes per idle socket (Socket.IO's memory advice).
    (socket.conn as unknown as { request: unknown }).request = null;
    forgetCredentials(socket);
    socket.onAny(dispatch);
  });
  const sessionSweep = setInterval(
    () => endExpiredSockets(io.of("/").sockets.values(), context.now()),
    SESSION_SWEEP_MS,
  );
  sessionSweep.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;

  // Stale and vacant posts: reminders for holders and coordinators (server/jobs).
  runWhileListening(createContactVerificationJob(context), server);
  runAlertJobsWhile(context, server); // Alert reminders and expiry; stop when the server closes.
  runMlaJobsWhile(context, server); // MLA deadline reminders and escalation, likewise.
  runUploadExpiryWhile(context, server); // Abandoned attachment uploads deleted, likewise.

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const forceTimer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      forceTimer.unref();
      try {
        // io.close() disconnects every socket and closes the HTTP server (stops accepting).
        await new Promise<void>((resolve) => {
          io.close(() => resolve());
          server.closeIdleConnections();
        });
      } catch (error) {
        logger.warn({ error: safeError(error) }, "error while closing connections");
      } finally {
        clearTimeout(forceTimer);
        clearInterval(sessionSweep);
        socketRedis?.disconnect();
        redis?.disconnect();
        await log.close();
        await database.close();
      }
    })();
    return stopping;
  };

  return {
    url: `${config.tls ? "https" : "http"}://${host}:${port}`,
    port,
    context,
    io,
    bootstrapCode,
    logPublicKey: log.publicKey,
    stop,
  };
}
