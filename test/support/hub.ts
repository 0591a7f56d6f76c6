import { Writable } from "node:stream";
import { io as connectSocket, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "#shared/events";
import { type Config, loadConfig } from "../../server/config";
import { type HubOptions, type RunningHub, startHub } from "../../server/hub";
import { createLogger } from "../../server/logger";
import { createTestDatabase, type TestDatabase } from "./database";

/** A hub on port 0 with a fresh database, and every log line it wrote. */
export interface TestHub {
  readonly hub: RunningHub;
  readonly url: string;
  readonly config: Config;
  readonly logs: string[];
  readonly testDatabase: TestDatabase;
  /** Stops the hub, keeping the database (for restart tests). */
  stop(): Promise<void>;
  /** Starts a new hub on the same database and port. */
  restart(): Promise<TestHub>;
  /** Stops the hub and drops its database. */
  destroy(): Promise<void>;
}

export interface TestHubOptions {
  env?: Record<string, string>;
  now?: () => Date;
  testDatabase?: TestDatabase;
  rateLimits?: HubOptions["rateLimits"];
}

function testConfig(testDatabase: TestDatabase, env: Record<string, string>): Config {
  const database = testDatabase.database;
  return loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: testDatabase.dataDir,
    LOG_LEVEL: "debug",
    ...(database.kind === "postgres" ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
}

/** Starts a real hub on a free port; logs are captured in memory for secret-scanning tests. */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const testDatabase = options.testDatabase ?? (await createTestDatabase());
  const config = testConfig(testDatabase, options.env ?? {});
  const { database: _ignored, ...rest } = config;
  // PGlite clones live in their own directory, not DATA_DIR/pglite.
  const finalConfig: Config = Object.freeze({ ...rest, database: testDatabase.database });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      callback();
    },
  });
  const hub = await startHub(finalConfig, {
    logger: createLogger("debug", sink),
    now: options.now,
    rateLimits: options.rateLimits,
  });
  const testHub: TestHub = {
    hub,
    url: hub.url,
    config: finalConfig,
    logs,
    testDatabase,
    stop: () => hub.stop(),
    restart: async () => {
      await hub.stop();
      // Same port, so SDK clients and tokens made before the restart keep working.
      return startTestHub({
        ...options,
        testDatabase,
        env: { ...options.env, PORT: String(hub.port) },
      });
    },
    destroy: async () => {
      await hub.stop();
      await testDatabase.drop();
    },
  };
  return testHub;
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects a real socket.io-client over WebSocket and waits for the connection. */
export async function connectTestSocket(
  url: string,
  options: {
    auth?: Record<string, string>;
    extraHeaders?: Record<string, string>;
    query?: Record<string, string>;
  } = {},
): Promise<TestSocket> {
  const socket: TestSocket = connectSocket(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
  return socket;
}
