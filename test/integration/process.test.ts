import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/database";
import { childEnv, spawnHub } from "../support/hubProcess";

describe("the hub process", () => {
  it("exits with code 2 and lists every configuration problem without a stack trace", async () => {
    const testDatabase = await createTestDatabase();
    try {
      const failure = await spawnHub(
        childEnv(testDatabase, { PORT: "99999", LOG_LEVEL: "chatty" }),
      ).then(
        () => {
          throw new Error("the hub started with an invalid configuration");
        },
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure.code).toBe(2);
      expect(failure.stderr).toContain("PORT");
      expect(failure.stderr).toContain("LOG_LEVEL");
      expect(failure.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await testDatabase.drop();
    }
  });

  it("prints where it listens and which database it uses, shuts down on SIGTERM and restarts with its data", async () => {
    const testDatabase = await createTestDatabase();
    try {
      const first = await spawnHub(childEnv(testDatabase));
      expect(first.stdout()).toMatch(
        /Database: (embedded PostgreSQL \(PGlite\)|PostgreSQL server)/,
      );
      const bootstrap =
        /Bootstrap code \(enrols the first administrator, shown once\): ([A-Za-z0-9_-]{32,})/.exec(
          first.stdout(),
        )?.[1];
      expect(bootstrap).toBeDefined();
      const before = await (await fetch(`${first.url}/api/v1/hub`)).json();
      expect(await first.kill("SIGTERM")).toBe(0);
      expect(first.stdout()).toContain('"msg":"hub stopped"');

      // The code went to standard output as plain text, never into a JSON log line.
      const logLines = first
        .stdout()
        .split("\n")
        .filter((line) => line.startsWith("{"));
      expect(logLines.length).toBeGreaterThan(0);
      expect(logLines.some((line) => line.includes(bootstrap ?? "-"))).toBe(false);

      const second = await spawnHub(childEnv(testDatabase));
      // The code is still unused but was issued already: a later start prints nothing of the kind.
      expect(second.stdout()).not.toContain("Bootstrap code");
      const ready = await fetch(`${second.url}/readyz`);
      expect(ready.status).toBe(200);
      expect((await (await fetch(`${second.url}/api/v1/hub`)).json()).instanceId).toBe(
        before.instanceId,
      );
      expect(await second.kill("SIGINT")).toBe(0);
    } finally {
      await testDatabase.drop();
    }
  }, 60_000);
});
