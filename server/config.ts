import { z } from "zod";

const booleanFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
  .optional();

/** The environment variables the hub reads, with their defaults. Documented in README.md. */
const environmentSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: postgresUrl,
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// URL" }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  TRUST_PROXY: booleanFromEnv.default(false),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SECRET_KEY_FILE: z.string().min(1).optional(),
  LOG_KEY_FILE: z.string().min(1).optional(),
  ENROLMENT_CODE_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(72),
  BEARER_SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  COOKIE_SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  STALE_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Socket events one device may send per second, steadily (bursts allow twice that). */
  SOCKET_EVENTS_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(100),
  /** Largest message ciphertext accepted, in bytes (the 64 KiB padding bucket and its tag). */
  MESSAGE_MAX_BYTES: z.coerce.number().int().min(272).max(65_552).default(65_552),
  /** Largest encrypted attachment accepted, in bytes (default 25 MiB). */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(1_073_741_824)
    .default(25 * 1_048_576),
  /** Months after issue when an alert expires (its content is purged) unless the issuer says. */
  ALERT_DEFAULT_EXPIRY_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /** Hours after which an urgent alert reminds the recipient posts that have not acknowledged. */
  ALERT_REMINDER_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(4),
});

/** The hub's configuration, parsed once at start-up and frozen. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly database:
    | { readonly kind: "pglite"; readonly dataDir: string }
    | { readonly kind: "postgres"; readonly url: string };
  readonly redisUrl: string | undefined;
  readonly logLevel: z.infer<typeof environmentSchema>["LOG_LEVEL"];
  readonly bodyLimitBytes: number;
  readonly trustProxy: boolean;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  readonly shutdownTimeoutMs: number;
  /**
   * The hub's 32-byte secret (encrypts TOTP secrets at rest). Created on first start with mode
   * 0600; hubs sharing one PostgreSQL must share this file.
   */
  readonly secretKeyFile: string;
  /**
   * The Ed25519 key pair that signs the transparency log's tree heads (JSON, mode 0600,
   * default `DATA_DIR/log-key.json`), created on first start. Clients pin its public key: hubs
   * sharing one PostgreSQL must share this file, and losing it breaks every client's trust.
   */
  readonly logKeyFile: string;
  readonly enrolmentCodeTtlMs: number;
  readonly bearerSessionTtlMs: number;
  readonly cookieSessionTtlMs: number;
  /** A post whose details nobody confirmed for this many days is flagged stale. */
  readonly staleAfterDays: number;
  /** Socket events one device may send per second, steadily. */
  readonly socketEventsPerSecond: number;
  /** Largest message ciphertext, in bytes. */
  readonly messageMaxBytes: number;
  /** Largest encrypted attachment, in bytes. */
  readonly attachmentMaxBytes: number;
  /** Default lifetime of an alert, in months (the SDK dates expiries with it). */
  readonly alertDefaultExpiryMonths: number;
  /** Delay before unacknowledged urgent alerts are reminded, in hours. */
  readonly alertReminderHours: number;
}

/** Thrown when the environment is invalid; `problems` lists every one, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment into a frozen {@link Config}.
 * Empty strings count as unset, so `PORT= npm start` uses the default.
 * @throws ConfigError listing every invalid variable.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    );
  }
  const vars = parsed.data;
  if ((vars.TLS_CERT_FILE === undefined) !== (vars.TLS_KEY_FILE === undefined)) {
    throw new ConfigError(["TLS_CERT_FILE and TLS_KEY_FILE must be set together"]);
  }
  return Object.freeze({
    host: vars.HOST,
    port: vars.PORT,
    dataDir: vars.DATA_DIR,
    database: Object.freeze(
      vars.DATABASE_URL
        ? { kind: "postgres" as const, url: vars.DATABASE_URL }
        : { kind: "pglite" as const, dataDir: `${vars.DATA_DIR.replace(/\/+$/, "")}/pglite` },
    ),
    redisUrl: vars.REDIS_URL,
    logLevel: vars.LOG_LEVEL,
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    trustProxy: vars.TRUST_PROXY,
    tls:
      vars.TLS_CERT_FILE && vars.TLS_KEY_FILE
        ? Object.freeze({ certFile: vars.TLS_CERT_FILE, keyFile: vars.TLS_KEY_FILE })
        : undefined,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    secretKeyFile: vars.SECRET_KEY_FILE ?? `${vars.DATA_DIR.replace(/\/+$/, "")}/secret.key`,
    logKeyFile: vars.LOG_KEY_FILE ?? `${vars.DATA_DIR.replace(/\/+$/, "")}/log-key.json`,
    enrolmentCodeTtlMs: vars.ENROLMENT_CODE_TTL_HOURS * 3_600_000,
    bearerSessionTtlMs: vars.BEARER_SESSION_TTL_MINUTES * 60_000,
    cookieSessionTtlMs: vars.COOKIE_SESSION_TTL_HOURS * 3_600_000,
    staleAfterDays: vars.STALE_AFTER_DAYS,
    socketEventsPerSecond: vars.SOCKET_EVENTS_PER_SECOND,
    messageMaxBytes: vars.MESSAGE_MAX_BYTES,
    attachmentMaxBytes: vars.ATTACHMENT_MAX_BYTES,
    alertDefaultExpiryMonths: vars.ALERT_DEFAULT_EXPIRY_MONTHS,
    alertReminderHours: vars.ALERT_REMINDER_HOURS,
  });
}

/** Describes the database for the start-up banner, without credentials. */
export function describeDatabase(config: Config): string {
  if (config.database.kind === "pglite") {
    return `embedded PostgreSQL (PGlite) in ${config.database.dataDir}`;
  }
  const url = new URL(config.database.url);
  return `PostgreSQL server ${url.hostname}:${url.port || "5432"}${url.pathname}`;
}
