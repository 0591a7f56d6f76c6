import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { HubClient } from "#client/core/hubClient";
import { createTestClock } from "../support/clock";
import { connectTestSocket, startTestHub, type TestHub } from "../support/hub";
import { bootstrapAdministrator, enrolMember } from "../support/network";

const hubs: TestHub[] = [];
afterAll(async () => {
  for (const hub of hubs) await hub.destroy();
});

async function wrongLogin(url: string, username: string, deviceId: string) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "guessing the password", deviceId }),
  });
  return {
    status: response.status,
    code: (await response.json()).code,
    retryAfter: response.headers.get("retry-after"),
  };
}

describe.each<{ store: string; env: Record<string, string> }>([
  { store: "memory", env: {} },
  { store: "Redis", env: { REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379" } },
])("brute-force protection ($store store)", ({ env }) => {
  it("locks a username+IP out after consecutive failures, even with the right password", async () => {
    const clock = createTestClock();
    const testHub = await startTestHub({
      now: clock.now,
      env,
      rateLimits: {
        keyPrefix: `relais-test:${randomBytes(6).toString("hex")}`,
        settings: { loginConsecutiveFailures: 3 },
      },
    });
    hubs.push(testHub);
    const admin = await bootstrapAdministrator(testHub, clock);
    const codes = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      codes.push(await wrongLogin(testHub.url, admin.username, admin.deviceId));
    }
    expect(codes.map((result) => result.code)).toEqual([
      "invalid_credentials",
      "invalid_credentials",
      "rate_limited",
    ]);
    const blocked = await wrongLogin(testHub.url, admin.username, admin.deviceId);
    expect(blocked).toMatchObject({ status: 429, code: "rate_limited" });
    expect(Number(blocked.retryAfter)).toBeGreaterThan(3000);
    const client = new HubClient({ hubUrl: testHub.url });
    await expect(
      client.login({
        username: admin.username,
        password: admin.password,
        totpCode: await admin.totp(),
        deviceId: admin.deviceId,
        keys: admin.keys,
      }),
    ).rejects.toMatchObject({ code: "rate_limited" });
  });
});

describe("socket floods", () => {
  it("answer rate_limited to a flooding device, then disconnect it, without slowing another device", async () => {
    const clock = createTestClock();
    const testHub = await startTestHub({
      now: clock.now,
      rateLimits: {
        settings: { socketEvents: 5, socketBurstEvents: 1, socketStrikesBeforeDisconnect: 3 },
      },
    });
    hubs.push(testHub);
    const admin = await bootstrapAdministrator(testHub, clock);
    const other = (
      await enrolMember(testHub, clock, admin, {
        username: "calm.auditor",
        role: "auditor",
        country: null,
      })
    ).client;
    const flooder = await connectTestSocket(testHub.url, {
      auth: { token: admin.client.token ?? "" },
    });
    const calm = await connectTestSocket(testHub.url, { auth: { token: other.token ?? "" } });
    const disconnected = new Promise((resolve) => flooder.once("disconnect", resolve));
    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        flooder
          .timeout(2000)
          .emitWithAck("system:ping", { nonce: `f${index}` })
          .catch(() => null),
      ),
    );
    const codes = acks.map((ack) => (ack && !ack.ok ? ack.error.code : ack ? "ok" : "no-ack"));
    expect(codes).toContain("rate_limited");
    await disconnected;
    expect(await calm.emitWithAck("system:ping", { nonce: "calm" })).toMatchObject({ ok: true });
    calm.close();
  });
});
