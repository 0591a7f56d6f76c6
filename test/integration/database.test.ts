import { readFile, rm, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../server/store/database";
import { appliedMigrations } from "../../server/store/migrationsTable";
import { createTestDatabase } from "../support/database";
import { startTestHub } from "../support/hub";

describe("migrations", () => {
  it("are applied once and applying them again changes nothing", async () => {
    const testDatabase = await createTestDatabase();
    const database = await openDatabase(testDatabase.database);
    try {
      await database.migrate();
      await database.migrate();
      const rows = await database.db.select().from(appliedMigrations);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((row) => row.hash)).size).toBe(rows.length);
      expect(await database.migrationsApplied()).toBe(true);
    } finally {
      await database.close();
      await testDatabase.drop();
    }
  });

  it("report not ready when a migration is missing", async () => {
    const testDatabase = await createTestDatabase();
    const database = await openDatabase(testDatabase.database);
    try {
      await database.db.delete(appliedMigrations);
      expect(await database.migrationsApplied()).toBe(false);
    } finally {
      await database.close();
      await testDatabase.drop();
    }
  });
});

describe("hub restart", () => {
  it("starts twice on the same database and keeps its data", async () => {
    const first = await startTestHub();
    const before = await (await fetch(`${first.url}/api/v1/hub`)).json();
    const second = await first.restart();
    try {
      const after = await (await fetch(`${second.url}/api/v1/hub`)).json();
      expect(after.instanceId).toBe(before.instanceId);
      expect(after.createdAt).toBe(before.createdAt);
      expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    } finally {
      await second.destroy();
    }
  });

  it("refuses to start with a secret key or a log key that does not belong to the database", async () => {
    const first = await startTestHub();
    await first.stop();
    const { secretKeyFile, logKeyFile } = first.config;
    const originalSecret = await readFile(secretKeyFile);
    await rm(secretKeyFile);
    await expect(startTestHub({ testDatabase: first.testDatabase })).rejects.toThrow(
      /secret\.key does not match this database/,
    );
    await writeFile(secretKeyFile, originalSecret, { mode: 0o600 });
    await rm(logKeyFile);
    await expect(startTestHub({ testDatabase: first.testDatabase })).rejects.toThrow(
      /log-key\.json does not match this database/,
    );
    await first.testDatabase.drop();
  });
});
