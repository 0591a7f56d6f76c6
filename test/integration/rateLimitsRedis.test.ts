import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRateLimits,
  RateLimitedError,
  type RateLimitSettings,
} from "../../server/abuse/rateLimits";

/** Redis runs on every development machine and in CI: a missing server fails the run. */
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** Every key of this run lives under this prefix, removed in afterAll. */
const runPrefix = `relais-test:${randomUUID()}`;

const settings: Partial<RateLimitSettings> = {
  loginConsecutiveFailures: 3,
  loginFailuresPerIp: 5,
  enrolmentAttemptsPerIp: 2,
  restRequestsPerPerson: 3,
  restRequestsPerIp: 2,
  socketEvents: 2,
  socketEventWindowSeconds: 10,
  socketBurstEvents: 1,
  socketBurstWindowSeconds: 10,
  socketStrikesBeforeDisconnect: 3,
};

const clients: Redis[] = [];

async function connect(): Promise<Redis> {
  // No reconnection: a test either has Redis or fails, and never waits on retries.
  const client = new Redis(redisUrl, { lazyConnect: true, retryStrategy: () => null });
  client.on("error", () => {}); // connect() below reports the failure; this silences the echo.
  clients.push(client);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Redis is not reachable at ${redisUrl} (set TEST_REDIS_URL)`, { cause: error });
  }
  return client;
}

let redis: Redis;
/** A fresh key space per test, so no test sees another's counters. */
let keyPrefix: string;
const limits = (client: Redis = redis) => createRateLimits({ redis: client, keyPrefix, settings });

async function keysOf(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}

async function refusal(action: Promise<unknown>): Promise<RateLimitedError> {
  const error = await action.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

beforeAll(async () => {
  redis = await connect();
});

afterAll(async () => {
  if (redis?.status === "ready") {
    const keys = await keysOf(runPrefix);
    if (keys.length > 0) await redis.del(...keys);
  }
  for (const client of clients) client.disconnect();
});

let testNumber = 0;
const freshPrefix = () => {
  keyPrefix = `${runPrefix}:${++testNumber}`;
};

describe("rate limits on Redis", () => {
  it("blocks a username from an IP on the Nth consecutive failure and stores the block for an hour", async () => {
    freshPrefix();
    const rateLimits = limits();
    await rateLimits.recordLoginFailure("Alice", "192.0.2.1");
    await rateLimits.recordLoginFailure("alice", "192.0.2.1");
    await rateLimits.checkLogin("alice", "192.0.2.1");
    const crossing = await refusal(rateLimits.recordLoginFailure(" ALICE ", "192.0.2.1"));
    expect(crossing.retryAfterSeconds).toBe(3600);
    await refusal(rateLimits.checkLogin("alice", "192.0.2.1"));
    await rateLimits.checkLogin("alice", "198.51.100.7");

    const [pairKey] = await keysOf(`${keyPrefix}:login-pair`);
    expect(pairKey).toBeDefined();
    expect(pairKey).not.toMatch(/alice/i);
    const ttl = await redis.pttl(pairKey ?? "");
    expect(ttl).toBeGreaterThan(3590_000);
    expect(ttl).toBeLessThanOrEqual(3600_000);
  });

  it("resets the consecutive count on success but keeps the per-IP count", async () => {
    freshPrefix();
    const rateLimits = limits();
    await rateLimits.recordLoginFailure("alice", "192.0.2.1");
    await rateLimits.recordLoginFailure("alice", "192.0.2.1");
    await rateLimits.recordLoginSuccess("alice", "192.0.2.1");
    await rateLimits.recordLoginFailure("alice", "192.0.2.1");
    await rateLimits.recordLoginFailure("alice", "192.0.2.1");
    await rateLimits.checkLogin("alice", "192.0.2.1");
    const crossing = await refusal(rateLimits.recordLoginFailure("bob", "192.0.2.1"));
    expect(crossing.retryAfterSeconds).toBe(24 * 3600);
    await refusal(rateLimits.checkLogin("carol", "192.0.2.1"));
  });

  it("limits enrolment attempts per IP", async () => {
    freshPrefix();
    const rateLimits = limits();
    await rateLimits.consumeEnrolmentAttempt("192.0.2.1");
    await rateLimits.consumeEnrolmentAttempt("192.0.2.1");
    expect((await refusal(rateLimits.consumeEnrolmentAttempt("192.0.2.1"))).retryAfterSeconds).toBe(
      3600,
    );
    await rateLimits.consumeEnrolmentAttempt("198.51.100.7");
  });

  it("limits REST requests per person and per anonymous IP", async () => {
    freshPrefix();
    const rateLimits = limits();
    for (let i = 0; i < 3; i++) await rateLimits.consumeRestRequest("person:p1");
    await refusal(rateLimits.consumeRestRequest("person:p1"));
    await rateLimits.consumeRestRequest("person:p2");
    await rateLimits.consumeRestRequest("ip:192.0.2.1");
    await rateLimits.consumeRestRequest("ip:192.0.2.1");
    await refusal(rateLimits.consumeRestRequest("ip:192.0.2.1"));
  });

  it("answers a socket flood with limited, then disconnect, without limiting other devices", async () => {
    freshPrefix();
    const rateLimits = limits();
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await rateLimits.consumeSocketEvent("flooder"));
    expect(verdicts).toEqual(["ok", "ok", "ok", "limited", "limited", "disconnect"]);
    expect(await rateLimits.consumeSocketEvent("quiet")).toBe("ok");
  });
});

describe("rate limits shared by two hubs", () => {
  it("share login counters, blocks and resets", async () => {
    freshPrefix();
    const hubA = limits(await connect());
    const hubB = limits(await connect());
    await hubA.recordLoginFailure("alice", "192.0.2.1");
    await hubB.recordLoginFailure("alice", "192.0.2.1");
    await hubA.recordLoginSuccess("alice", "192.0.2.1");
    await hubB.recordLoginFailure("alice", "192.0.2.1");
    await hubA.recordLoginFailure("alice", "192.0.2.1");
    await refusal(hubB.recordLoginFailure("alice", "192.0.2.1"));
    await refusal(hubA.checkLogin("alice", "192.0.2.1"));
  });

  it("share enrolment, REST and socket counters", async () => {
    freshPrefix();
    const hubA = limits(await connect());
    const hubB = limits(await connect());
    await hubA.consumeEnrolmentAttempt("192.0.2.1");
    await hubB.consumeEnrolmentAttempt("192.0.2.1");
    await refusal(hubA.consumeEnrolmentAttempt("192.0.2.1"));

    await hubA.consumeRestRequest("ip:192.0.2.1");
    await hubB.consumeRestRequest("ip:192.0.2.1");
    await refusal(hubB.consumeRestRequest("ip:192.0.2.1"));

    for (let i = 0; i < 3; i++) expect(await hubA.consumeSocketEvent("device-1")).toBe("ok");
    expect(await hubB.consumeSocketEvent("device-1")).toBe("limited");
  });
});

describe("rate limits when Redis goes away", () => {
  it("keep enforcing limits from memory instead of failing or letting everything through", async () => {
    freshPrefix();
    const client = await connect();
    const rateLimits = limits(client);
    await rateLimits.recordLoginFailure("alice", "192.0.2.1");
    client.disconnect();
    if (client.status !== "end") await once(client, "end");

    // The memory insurance starts from zero: the failure counted in Redis is not carried over.
    await rateLimits.recordLoginFailure("alice", "192.0.2.1");
    await rateLimits.recordLoginFailure("alice", "192.0.2.1");
    await refusal(rateLimits.recordLoginFailure("alice", "192.0.2.1"));
    await refusal(rateLimits.checkLogin("alice", "192.0.2.1"));
    await rateLimits.consumeRestRequest("ip:192.0.2.1");
    await rateLimits.consumeRestRequest("ip:192.0.2.1");
    await refusal(rateLimits.consumeRestRequest("ip:192.0.2.1"));
    expect(await rateLimits.consumeSocketEvent("device-1")).toBe("ok");
  });
});
