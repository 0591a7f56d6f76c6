import { createHash } from "node:crypto";
import { isIPv6 } from "node:net";
import type { Redis } from "ioredis";
import {
  BurstyRateLimiter,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { AppError } from "../errors";
import { type RateLimitSettings, resolveRateLimitSettings } from "./limits";

export type { RateLimitSettings } from "./limits";
export { defaultRateLimitSettings } from "./limits";

/**
 * Thrown when a limit refuses an action. It is an {@link AppError}, so the HTTP error handler
 * and the socket dispatcher already turn it into `429 { code: "rate_limited" }` with a
 * `Retry-After` header, or a `rate_limited` acknowledgement.
 */
export class RateLimitedError extends AppError {
  override readonly code = "rate_limited" as const;
  /** Whole seconds, at least 1, before the same action may succeed. */
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super("rate_limited", `Too many attempts; try again in ${seconds} s.`, undefined, {
      "Retry-After": String(seconds),
    });
    this.name = "RateLimitedError";
    this.retryAfterSeconds = seconds;
  }
}

/** What a socket handler does with one event of a device. */
export type SocketEventVerdict = "ok" | "limited" | "disconnect";

/** The abuse limits of one hub; every method is safe to call concurrently. */
export interface RateLimits {
  /** Throws {@link RateLimitedError} if the username+IP pair or the IP is blocked from logging in. Call before verifying a password. */
  checkLogin(username: string, ip: string): Promise<void>;
  /** Counts a failed login against the pair and the IP; throws {@link RateLimitedError} if this failure reaches a limit. */
  recordLoginFailure(username: string, ip: string): Promise<void>;
  /** Clears the consecutive-failure counter of the pair (the per-IP daily count stays). */
  recordLoginSuccess(username: string, ip: string): Promise<void>;
  /** Counts one enrolment-code attempt; throws {@link RateLimitedError} when over the limit. */
  consumeEnrolmentAttempt(ip: string): Promise<void>;
  /**
   * Counts one REST request; `key` is `person:<id>` for a signed-in person, else `ip:<address>`.
   * Any other key is treated as anonymous, the stricter limit. Throws {@link RateLimitedError}.
   */
  consumeRestRequest(key: string): Promise<void>;
  /** Counts one socket event: `limited` means refuse it in the ack, `disconnect` means a sustained flood. */
  consumeSocketEvent(deviceId: string): Promise<SocketEventVerdict>;
}

/** Options of {@link createRateLimits}. */
export interface RateLimitsOptions {
  /** A shared store so that several hubs enforce one limit; memory on this hub when absent. */
  redis?: Redis;
  /** Prefix of every key; distinct prefixes keep deployments (or test runs) apart. */
  keyPrefix?: string;
  /** Overrides of {@link defaultRateLimitSettings}. */
  settings?: Partial<RateLimitSettings>;
}

interface LimiterSpec {
  name: string;
  points: number;
  duration: number;
  blockDuration?: number;
  /** Reject over-limit keys from this process's memory, sparing Redis a round trip per flood event. */
  shedInMemory?: boolean;
}

/**
 * Builds the limiters on rate-limiter-flexible: RateLimiterMemory on a single hub,
 * RateLimiterRedis when a Redis client is given. Throws a RangeError for invalid settings.
 */
export function createRateLimits(options: RateLimitsOptions = {}): RateLimits {
  const settings = resolveRateLimitSettings(options.settings);
  const limiter = limiterFactory(options.redis, options.keyPrefix ?? "relais:rl");

  // The library rejects once consumed > points; the Nth failure must itself trip the block,
  // so that at most N wrong passwords are ever verified.
  const loginPair = limiter({
    name: "login-pair",
    points: settings.loginConsecutiveFailures - 1,
    duration: settings.loginConsecutiveWindowSeconds,
    blockDuration: settings.loginConsecutiveBlockSeconds,
  });
  const loginIp = limiter({
    name: "login-ip",
    points: settings.loginFailuresPerIp - 1,
    duration: settings.loginIpWindowSeconds,
    blockDuration: settings.loginIpBlockSeconds,
  });
  const enrolment = limiter({
    name: "enrolment-ip",
    points: settings.enrolmentAttemptsPerIp,
    duration: settings.enrolmentWindowSeconds,
    blockDuration: settings.enrolmentBlockSeconds,
  });
  const restPerson = limiter({
    name: "rest-person",
    points: settings.restRequestsPerPerson,
    duration: settings.restWindowSeconds,
    shedInMemory: true,
  });
  const restIp = limiter({
    name: "rest-ip",
    points: settings.restRequestsPerIp,
    duration: settings.restWindowSeconds,
    shedInMemory: true,
  });
  // Keys are per device and nothing uses execEvenly, so a flood never delays another device.
  const socketEvents = new BurstyRateLimiter(
    limiter({
      name: "socket",
      points: settings.socketEvents,
      duration: settings.socketEventWindowSeconds,
      shedInMemory: true,
    }),
    limiter({
      name: "socket-burst",
      points: settings.socketBurstEvents,
      duration: settings.socketBurstWindowSeconds,
      shedInMemory: true,
    }),
  );
  const socketStrikes = limiter({
    name: "socket-strike",
    points: settings.socketStrikesBeforeDisconnect - 1,
    duration: settings.socketStrikeWindowSeconds,
  });

  return {
    async checkLogin(username, ip) {
      const pairKey = loginPairKey(username, ip);
      const [pair, byIp] = await Promise.all([
        loginPair.get(pairKey),
        loginIp.get(clientIpKey(ip)),
      ]);
      const waitMs = Math.max(blockedForMs(loginPair, pair), blockedForMs(loginIp, byIp));
      if (waitMs > 0) throw new RateLimitedError(waitMs / 1000);
    },

    async recordLoginFailure(username, ip) {
      // Counted for unknown usernames too, so the limits reveal nothing about which accounts exist.
      await consumeAll([
        loginPair.consume(loginPairKey(username, ip)),
        loginIp.consume(clientIpKey(ip)),
      ]);
    },

    async recordLoginSuccess(username, ip) {
      await loginPair.delete(loginPairKey(username, ip));
    },

    async consumeEnrolmentAttempt(ip) {
      await consumeAll([enrolment.consume(clientIpKey(ip))]);
    },

    async consumeRestRequest(key) {
      if (key.startsWith("person:")) await consumeAll([restPerson.consume(key)]);
      else await consumeAll([restIp.consume(clientIpKey(key.replace(/^ip:/, "")))]);
    },

    async consumeSocketEvent(deviceId) {
      if (await allowed(socketEvents.consume(deviceId))) return "ok";
      return (await allowed(socketStrikes.consume(deviceId))) ? "limited" : "disconnect";
    },
  };
}

/**
 * One limiter per purpose. With Redis, each limiter is insured by a RateLimiterMemory with the
 * same numbers: if Redis is down (`rejectIfRedisNotReady` answers at once instead of queueing
 * behind ioredis's reconnects), every hub keeps enforcing the limits on its own, so an outage
 * loosens a limit by at most the number of hubs instead of lifting it or refusing everyone.
 */
function limiterFactory(redis: Redis | undefined, prefix: string) {
  return (spec: LimiterSpec): RateLimiterAbstract => {
    const base = {
      keyPrefix: `${prefix}:${spec.name}`,
      points: spec.points,
      duration: spec.duration,
      blockDuration: spec.blockDuration ?? 0,
    };
    if (!redis) return new RateLimiterMemory(base);
    return new RateLimiterRedis({
      ...base,
      storeClient: redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(base),
      ...(spec.shedInMemory ? { inMemoryBlockOnConsumed: spec.points + 1 } : {}),
    });
  };
}

/** Milliseconds a key is still blocked for, or 0; the library marks a block as consumed > points. */
function blockedForMs(limiter: RateLimiterAbstract, res: RateLimiterRes | null): number {
  if (res === null || res.consumedPoints <= limiter.points) return 0;
  return Math.max(res.msBeforeNext, 1);
}

/**
 * Waits for every consumption (so each counter moves even if another one refuses) and throws
 * {@link RateLimitedError} for the longest refusal. The library rejects with a RateLimiterRes
 * when over the limit and with an Error when the store fails; the latter is rethrown.
 */
async function consumeAll(consumptions: Promise<RateLimiterRes>[]): Promise<void> {
  let waitMs = 0;
  for (const outcome of await Promise.allSettled(consumptions)) {
    if (outcome.status === "fulfilled") continue;
    if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
    waitMs = Math.max(waitMs, outcome.reason.msBeforeNext, 1);
  }
  if (waitMs > 0) throw new RateLimitedError(waitMs / 1000);
}

/** True if the consumption fits the limit, false if refused; store errors propagate. */
async function allowed(consumption: Promise<RateLimiterRes>): Promise<boolean> {
  try {
    await consumption;
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

/**
 * The key of a username from an IP. Usernames are trimmed and lower-cased so `Admin` and
 * `admin` share a counter. Hashing bounds the key length whatever the client sends and keeps
 * who-failed-from-where out of plain Redis key listings (not a secret: usernames are guessable).
 */
function loginPairKey(username: string, ip: string): string {
  return createHash("sha256")
    .update(`${clientIpKey(ip)}\n${username.trim().toLowerCase()}`, "utf8")
    .digest("base64url");
}

/**
 * The key of a client address. An IPv6 client usually holds a whole /64 and can rotate within
 * it at will, so IPv6 limits apply to the /64; IPv4-mapped addresses count as their IPv4.
 */
export function clientIpKey(address: string): string {
  const ip = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip)?.[1];
  if (mapped) return mapped;
  if (!isIPv6(ip)) return ip;
  const [head = "", tail] = (ip.split("%")[0] ?? ip).split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  // "::" stands for as many zero groups as are missing; an embedded IPv4 fills two groups.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const zeros = tail === undefined ? 0 : 8 - width(headGroups) - width(tailGroups);
  const groups = [...headGroups, ...Array<string>(zeros).fill("0"), ...tailGroups];
  const prefix = groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return `${prefix.join(":")}::/64`;
}
