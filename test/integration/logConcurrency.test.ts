import { createPublicKey, randomBytes, randomUUID, verify } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignedTreeHead } from "#shared/api/log";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import type { SignedLeaf } from "#shared/log/entries";
import { merkleRoot, verifyConsistency } from "#shared/log/merkle";
import { statementMessage } from "#shared/signing";
import { createTransparencyLog, loadLogKey, type TransparencyLog } from "../../server/log/index";
import { createLogger } from "../../server/logger";
import { type Database, openDatabase } from "../../server/store/database";
import { logHeads } from "../../server/store/schema";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";

/**
 * Two hub processes sharing one PostgreSQL: each has its own pool and its own log service, both
 * with the shared log key. Only meaningful on a server (PGlite has one connection).
 */
const onPostgres = testDatabaseKind() === "postgres";

let testDatabase: TestDatabase;
const hubs: { database: Database; log: TransparencyLog }[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  testDatabase = await createTestDatabase();
  const key = await loadLogKey(join(testDatabase.dataDir, "log-key.json"));
  for (let i = 0; i < 2; i++) {
    const database = await openDatabase(testDatabase.database);
    const log = createTransparencyLog(database.db, {
      key,
      now: () => new Date(),
      logger: createLogger("silent"),
    });
    await log.ensureCurrentHead();
    hubs.push({ database, log });
  }
}, 60_000);
afterAll(async () => {
  for (const { database, log } of hubs) {
    await log.close();
    await database.close();
  }
  await testDatabase?.drop();
});

function roleGrantedLeaf(): SignedLeaf {
  return {
    v: 1,
    entry: {
      v: 1,
      type: "role-granted",
      personId: randomUUID(),
      username: `member.${randomBytes(4).toString("hex")}`,
      role: "auditor",
      country: null,
      at: new Date().toISOString(),
    },
    signer: randomUUID(),
    signature: randomBytes(64).toString("base64url"),
  };
}

function verifiesWithKey(head: SignedTreeHead, publicKey: string): boolean {
  const { treeSize, rootHash, timestamp } = head;
  const statement = canonicalJsonBytes({ v: 1, type: "tree-head", treeSize, rootHash, timestamp });
  const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: publicKey }, format: "jwk" });
  return verify(null, statementMessage("tree-head", statement), key, fromBase64Url(head.signature));
}

describe.skipIf(!onPostgres)("hubs sharing one PostgreSQL", () => {
  it("append concurrently into one consistent log with consistent signed heads", async () => {
    const appends = Array.from({ length: 60 }, (_, i) => {
      const hub = hubs[i % 2];
      if (!hub) throw new Error("hubs not started");
      const leaves = Array.from({ length: 1 + (i % 5) }, roleGrantedLeaf);
      const indices =
        i % 3 === 0
          ? hub.log.append(leaves)
          : hub.database.db.transaction((tx) => hub.log.appendInTransaction(tx, leaves));
      return indices.then((positions) => ({ leaves, positions }));
    });
    const results = await Promise.all(appends);
    const total = results.reduce((sum, result) => sum + result.leaves.length, 0);
    const positions = results.flatMap((result) => result.positions).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: total }, (_, i) => i));

    const [first, second] = hubs;
    if (!first || !second) throw new Error("hubs not started");
    const stored = (await first.log.leaves(0, total)).map((row) => new Uint8Array(row.leaf));
    for (const { leaves, positions: at } of results) {
      leaves.forEach((leaf, offset) => {
        expect(stored[at[offset] as number]).toEqual(canonicalJsonBytes(leaf));
      });
    }
    await first.log.awaitHeadCovering(total);
    await second.log.awaitHeadCovering(total);

    // Every head either hub signed is a prefix of the same log, and each extends the previous.
    const rows = await first.database.db.select().from(logHeads).orderBy(logHeads.treeSize);
    expect(rows.at(-1)?.treeSize).toBe(total);
    let previous: { treeSize: number; rootHash: Uint8Array } | undefined;
    for (const row of rows) {
      expect(toBase64Url(row.rootHash)).toBe(
        toBase64Url(merkleRoot(stored.slice(0, row.treeSize))),
      );
      const head: SignedTreeHead = {
        v: 1,
        treeSize: row.treeSize,
        rootHash: toBase64Url(row.rootHash),
        timestamp: row.timestamp.toISOString(),
        signature: toBase64Url(row.signature),
      };
      expect(verifiesWithKey(head, first.log.publicKey)).toBe(true);
      if (previous) {
        const proof = await second.log.consistencyProof(previous.treeSize, row.treeSize);
        expect(
          verifyConsistency(
            previous.treeSize,
            row.treeSize,
            previous.rootHash,
            row.rootHash,
            proof,
          ),
        ).toBe(true);
      }
      previous = row;
    }
  });
});
