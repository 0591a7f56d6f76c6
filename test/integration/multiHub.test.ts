import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { HubClient } from "#client/core/hubClient";
import { createTestClock } from "../support/clock";
import { testDatabaseKind } from "../support/database";
import { connectTestSocket, startTestHub, type TestHub } from "../support/hub";
import { bootstrapAdministrator, enrolMember } from "../support/network";

const hubs: TestHub[] = [];
afterAll(async () => {
  const [first, ...others] = hubs;
  for (const hub of others) await hub.stop();
  await first?.destroy();
});

// Several hub processes share one PostgreSQL server; PGlite belongs to a single process.
describe.runIf(testDatabaseKind() === "postgres")(
  "several hubs on one PostgreSQL and Redis",
  () => {
    it("share sessions, and a revocation on one hub cuts the device's socket on the other", async () => {
      const clock = createTestClock();
      const env = { REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379" };
      const rateLimits = { keyPrefix: `relais-test:${randomBytes(6).toString("hex")}` };
      const hubA = await startTestHub({ now: clock.now, env, rateLimits });
      hubs.push(hubA);
      const hubB = await startTestHub({
        now: clock.now,
        env: { ...env, SECRET_KEY_FILE: hubA.config.secretKeyFile },
        rateLimits,
        testDatabase: hubA.testDatabase,
      });
      hubs.push(hubB);
      expect(hubB.hub.bootstrapCode).toBeNull();

      const admin = await bootstrapAdministrator(hubA, clock);
      const member = await enrolMember(hubA, clock, admin, {
        username: "multi.hub",
        role: "auditor",
        country: null,
      });
      // The session made on hub A works on hub B.
      const onB = new HubClient({ hubUrl: hubB.url, token: member.client.token });
      expect((await onB.me()).person.username).toBe("multi.hub");

      const socket = await connectTestSocket(hubB.url, {
        auth: { token: member.client.token ?? "" },
      });
      const started = Date.now();
      const cut = new Promise<number>((resolve) =>
        socket.once("disconnect", () => resolve(Date.now() - started)),
      );
      await admin.client.revokeDevice(member.deviceId);
      expect(await cut).toBeLessThan(1000);
    });
  },
);
