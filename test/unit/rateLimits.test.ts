import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveRateLimitSettings } from "../../server/abuse/limits";
import { restRateLimit } from "../../server/abuse/rateLimitMiddleware";
import {
  clientIpKey,
  createRateLimits,
  RateLimitedError,
  type RateLimitSettings,
} from "../../server/abuse/rateLimits";
import { AppError } from "../../server/errors";
import { errorHandler } from "../../server/http/errorHandler";

/** Small numbers so each limit is reached in a few calls; long windows so no window ends mid-test. */
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

const limits = () => createRateLimits({ settings });

/** The RateLimitedError a promise rejects with (fails the test if it resolves or throws else). */
async function refusal(action: Promise<unknown>): Promise<RateLimitedError> {
  const error = await action.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

async function fail(rateLimits: ReturnType<typeof limits>, username: string, ip: string, n = 1) {
  for (let i = 0; i < n; i++) await rateLimits.recordLoginFailure(username, ip);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("login limits", () => {
  it("blocks a username from an IP for an hour on the Nth consecutive failure", async () => {
    const rateLimits = limits();
    await fail(rateLimits, "alice", "192.0.2.1", 2);
    await rateLimits.checkLogin("alice", "192.0.2.1");

    const crossing = await refusal(rateLimits.recordLoginFailure("alice", "192.0.2.1"));
    expect(crossing.retryAfterSeconds).toBe(3600);
    const check = await refusal(rateLimits.checkLogin("alice", "192.0.2.1"));
    expect(check.retryAfterSeconds).toBeGreaterThan(3590);
    expect(check.retryAfterSeconds).toBeLessThanOrEqual(3600);
  });

  it("lifts the block after the block duration, with the counter back to zero", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    // A roomier per-IP limit, so that only the username+IP block is under test.
    const rateLimits = createRateLimits({ settings: { ...settings, loginFailuresPerIp: 10 } });
    await refusal(fail(rateLimits, "alice", "192.0.2.1", 3));
    vi.advanceTimersByTime(3600_000 + 1);
    await rateLimits.checkLogin("alice", "192.0.2.1");
    await fail(rateLimits, "alice", "192.0.2.1", 2);
    await rateLimits.checkLogin("alice", "192.0.2.1");
  });

  it("counts Admin, admin and ' ADMIN ' as one username", async () => {
    const rateLimits = limits();
    await rateLimits.recordLoginFailure("Admin", "192.0.2.1");
    await rateLimits.recordLoginFailure("admin", "192.0.2.1");
    await refusal(rateLimits.recordLoginFailure(" ADMIN ", "192.0.2.1"));
    await refusal(rateLimits.checkLogin("aDmIn", "192.0.2.1"));
  });

  it("resets the consecutive count on a successful login", async () => {
    const rateLimits = limits();
    await fail(rateLimits, "alice", "192.0.2.1", 2);
    await rateLimits.recordLoginSuccess("Alice", "192.0.2.1");
    await fail(rateLimits, "alice", "192.0.2.1", 2);
    await rateLimits.checkLogin("alice", "192.0.2.1");
  });

  it("does not block the same username from another IP", async () => {
    const rateLimits = limits();
    await refusal(fail(rateLimits, "alice", "192.0.2.1", 3));
    await rateLimits.checkLogin("alice", "198.51.100.7");
  });

  it("blocks an IP that fails across many usernames, whatever the username", async () => {
    const rateLimits = limits();
    for (const username of ["a", "b", "c", "d"])
      await rateLimits.recordLoginFailure(username, "192.0.2.1");
    const crossing = await refusal(rateLimits.recordLoginFailure("e", "192.0.2.1"));
    expect(crossing.retryAfterSeconds).toBe(24 * 3600);
    await refusal(rateLimits.checkLogin("never-tried", "192.0.2.1"));
    await rateLimits.checkLogin("never-tried", "198.51.100.7");
  });

  it("keeps the per-IP count when a login succeeds", async () => {
    const rateLimits = limits();
    for (const username of ["a", "b", "c", "d"])
      await rateLimits.recordLoginFailure(username, "192.0.2.1");
    await rateLimits.recordLoginSuccess("a", "192.0.2.1");
    await refusal(rateLimits.recordLoginFailure("a", "192.0.2.1"));
  });

  it("treats the addresses of one IPv6 /64 as one client", async () => {
    const rateLimits = limits();
    await rateLimits.recordLoginFailure("alice", "2001:db8:1:2::1");
    await rateLimits.recordLoginFailure("alice", "2001:db8:1:2:ffff::9");
    await refusal(rateLimits.recordLoginFailure("alice", "2001:0db8:0001:0002:abcd::"));
    await rateLimits.checkLogin("alice", "2001:db8:1:3::1");
  });
});

describe("enrolment limits", () => {
  it("refuses attempts past the hourly limit for an hour, per IP", async () => {
    const rateLimits = limits();
    await rateLimits.consumeEnrolmentAttempt("192.0.2.1");
    await rateLimits.consumeEnrolmentAttempt("192.0.2.1");
    const refused = await refusal(rateLimits.consumeEnrolmentAttempt("192.0.2.1"));
    expect(refused.retryAfterSeconds).toBe(3600);
    await rateLimits.consumeEnrolmentAttempt("198.51.100.7");
  });
});

describe("REST limits", () => {
  it("limits each person, and anonymous clients per IP more tightly", async () => {
    const rateLimits = limits();
    for (let i = 0; i < 3; i++) await rateLimits.consumeRestRequest("person:p1");
    const refused = await refusal(rateLimits.consumeRestRequest("person:p1"));
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    await rateLimits.consumeRestRequest("person:p2");

    await rateLimits.consumeRestRequest("ip:192.0.2.1");
    await rateLimits.consumeRestRequest("ip:192.0.2.1");
    await refusal(rateLimits.consumeRestRequest("ip:192.0.2.1"));
    await rateLimits.consumeRestRequest("ip:198.51.100.7");
  });

  it("counts keys of no known kind against the anonymous limit", async () => {
    const rateLimits = limits();
    await rateLimits.consumeRestRequest("whatever");
    await rateLimits.consumeRestRequest("whatever");
    await refusal(rateLimits.consumeRestRequest("whatever"));
  });
});

describe("socket event limits", () => {
  it("answers a flood with limited once the steady rate and the burst are spent", async () => {
    const rateLimits = limits();
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await rateLimits.consumeSocketEvent("device-1"));
    expect(verdicts).toEqual(["ok", "ok", "ok", "limited"]);
  });

  it("disconnects a device that keeps flooding", async () => {
    const rateLimits = limits();
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await rateLimits.consumeSocketEvent("device-1"));
    expect(verdicts).toEqual(["ok", "ok", "ok", "limited", "limited", "disconnect"]);
  });

  it("does not limit another device while one floods", async () => {
    const rateLimits = limits();
    const flood = Array.from({ length: 50 }, () => rateLimits.consumeSocketEvent("flooder"));
    const quiet = [rateLimits.consumeSocketEvent("quiet"), rateLimits.consumeSocketEvent("quiet")];
    expect(await Promise.all(quiet)).toEqual(["ok", "ok"]);
    expect(await Promise.all(flood)).toContain("disconnect");
  });
});

describe("RateLimitedError", () => {
  it("is an AppError that maps to 429 with Retry-After in whole seconds", () => {
    const error = new RateLimitedError(0.2);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("rate_limited");
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(1);
    expect(error.headers).toEqual({ "Retry-After": "1" });
    expect(error.toBody()).toEqual({ code: "rate_limited", message: error.message });
  });
});

describe("restRateLimit middleware", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });

  it("answers 429 JSON with Retry-After once the key is over its limit", async () => {
    const app = express();
    app.use(restRateLimit(limits(), (req) => `ip:${req.ip ?? ""}`));
    app.get("/thing", (_req, res) => {
      res.json({ ok: true });
    });
    app.use(errorHandler);
    server = createServer(app).listen(0, "127.0.0.1");
    await new Promise((resolve) => server?.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/thing`;

    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url)).status).toBe(200);
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ code: "rate_limited", message: expect.any(String) });
  });
});

describe("rate limit settings", () => {
  it("defaults to the production numbers", () => {
    expect(resolveRateLimitSettings()).toMatchObject({
      loginConsecutiveFailures: 10,
      loginConsecutiveBlockSeconds: 3600,
      loginFailuresPerIp: 100,
      loginIpWindowSeconds: 86400,
      enrolmentAttemptsPerIp: 20,
      restRequestsPerPerson: 600,
      restRequestsPerIp: 300,
      socketEvents: 30,
      socketEventWindowSeconds: 1,
    });
  });

  it("refuses durations past the memory store's timer ceiling and non-positive numbers", () => {
    expect(() =>
      createRateLimits({ settings: { loginConsecutiveWindowSeconds: 90 * 86400 } }),
    ).toThrow(/loginConsecutiveWindowSeconds must be at most/);
    expect(() => createRateLimits({ settings: { socketEvents: 0 } })).toThrow(
      /socketEvents must be a positive integer/,
    );
    expect(() => createRateLimits({ settings: { restWindowSeconds: 1.5 } })).toThrow(
      /restWindowSeconds must be a positive integer/,
    );
  });
});

describe("client IP keys", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6 and reduces IPv6 to its /64", () => {
    expect(clientIpKey("192.0.2.1")).toBe("192.0.2.1");
    expect(clientIpKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(clientIpKey("2001:DB8:0:0:1:2:3:4")).toBe("2001:db8:0:0::/64");
    expect(clientIpKey("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(clientIpKey("1::2:3:4:5:6:7")).toBe("1:0:2:3::/64");
    expect(clientIpKey("::1")).toBe("0:0:0:0::/64");
    expect(clientIpKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });
});
