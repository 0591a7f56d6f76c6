import { createPublicKey, randomBytes, randomUUID, verify } from "node:crypto";
import { stat } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignedTreeHead } from "#shared/api/log";
import { toBase64Url } from "#shared/encoding";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import type { SignedLeaf } from "#shared/log/entries";
import { consistencyProof, emptyRoot, inclusionProof, merkleRoot } from "#shared/log/merkle";
import { statementMessage } from "#shared/signing";
import type { TransparencyLog } from "../../server/log/index";
import { startTestHub, type TestHub } from "../support/hub";

let testHub: TestHub;
let log: TransparencyLog;

beforeAll(async () => {
  testHub = await startTestHub();
  log = testHub.hub.context.log;
});
afterAll(async () => {
  await testHub?.destroy();
});

/** A well-formed leaf; the log does not check signatures, so a random one will do. */
function roleGrantedLeaf(): SignedLeaf {
  return {
    v: 1,
    entry: {
      v: 1,
      type: "role-granted",
      personId: randomUUID(),
      username: `member.${randomBytes(4).toString("hex")}`,
      role: "focal_point",
      country: "NE",
      at: new Date().toISOString(),
    },
    signer: randomUUID(),
    signature: randomBytes(64).toString("base64url"),
  };
}

function leavesOf(count: number): SignedLeaf[] {
  return Array.from({ length: count }, roleGrantedLeaf);
}

function verifiesWithKey(head: SignedTreeHead, publicKey: string): boolean {
  const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: publicKey }, format: "jwk" });
  const statement = {
    v: 1,
    type: "tree-head",
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    timestamp: head.timestamp,
  };
  return verify(
    null,
    statementMessage("tree-head", canonicalJsonBytes(statement)),
    key,
    Buffer.from(head.signature, "base64url"),
  );
}

async function storedLeaves(size: number): Promise<Uint8Array[]> {
  const rows = await log.leaves(0, size);
  return rows.map((row) => new Uint8Array(row.leaf));
}

/** The database's own message: Drizzle wraps it as the cause of a "Failed query" error. */
function databaseMessage(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error ? cause.message : String(error);
}

async function headCount(): Promise<number> {
  const result = await testHub.hub.context.database.db.execute(
    sql`select count(*)::int as n from log_heads`,
  );
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
}

describe("tree heads", () => {
  it("sign the empty tree at first start, with the key the hub serves", async () => {
    const head = await log.awaitHeadCovering(0);
    const served = await (await fetch(`${testHub.url}/.well-known/relais-log-key`)).json();
    expect(served).toEqual({ v: 1, algorithm: "Ed25519", publicKey: testHub.hub.logPublicKey });
    if (head.treeSize === 0) expect(head.rootHash).toBe(toBase64Url(emptyRoot()));
    expect(verifiesWithKey(head, served.publicKey)).toBe(true);
  });
});

describe("the latest head", () => {
  it("covers every leaf this hub committed before it was asked, without waiting for the signer's turn", async () => {
    for (const count of [1, 3]) {
      const indices = await log.append(leavesOf(count));
      const head = await log.latestHead();
      expect(head?.treeSize).toBe(Math.max(...indices) + 1);
    }
    await testHub.hub.context.database.db.transaction(async (tx) => {
      await log.appendInTransaction(tx, leavesOf(2));
    });
    const indices = await log.append(leavesOf(1));
    expect((await log.latestHead())?.treeSize).toBe(Math.max(...indices) + 1);
  });
});

describe("appending", () => {
  it("stores the same roots and proofs as the in-memory tree, for every size", {
    timeout: 120_000,
  }, async () => {
    const base = (await log.awaitHeadCovering(0)).treeSize;
    const mine = new Map<number, SignedLeaf>();
    const batches = [1, 1, 2, 3, 5, 8, 13, 1, 30, 64, 1, 2, 100, 69];
    for (const [i, count] of batches.entries()) {
      const leaves = leavesOf(count);
      const indices =
        i % 2 === 0
          ? await log.append(leaves)
          : await testHub.hub.context.database.db.transaction((tx) =>
              log.appendInTransaction(tx, leaves),
            );
      for (const [offset, index] of indices.entries())
        mine.set(index, leaves[offset] as SignedLeaf);
      const head = await log.awaitHeadCovering(Math.max(...indices) + 1);
      expect(verifiesWithKey(head, log.publicKey)).toBe(true);
      expect(head.rootHash).toBe(toBase64Url(merkleRoot(await storedLeaves(head.treeSize))));
    }
    const total = base + 300;
    const leaves = await storedLeaves(total);
    expect(leaves).toHaveLength(total);
    for (const [index, leaf] of mine) expect(leaves[index]).toEqual(canonicalJsonBytes(leaf));

    const sizes = [1, 2, 3, 7, 8, 9, 31, 64, 65, 129, 256]
      .map((size) => base + size)
      .concat([total - 1, total]);
    for (const size of sizes) {
      const prefix = leaves.slice(0, size);
      for (let index = 0; index < size; index++) {
        expect(await log.inclusionProof(index, size), `inclusion ${index}/${size}`).toEqual(
          inclusionProof(prefix, index),
        );
      }
      for (const from of sizes.filter((candidate) => candidate <= size).concat([0])) {
        expect(await log.consistencyProof(from, size), `consistency ${from}→${size}`).toEqual(
          consistencyProof(prefix, from),
        );
      }
    }
  });

  it("commits with the caller's transaction, or not at all", async () => {
    const before = await log.awaitHeadCovering(0);
    const failed = testHub.hub.context.database.db.transaction(async (tx) => {
      await log.appendInTransaction(tx, leavesOf(3));
      throw new Error("the register change failed");
    });
    await expect(failed).rejects.toThrow("the register change failed");
    await expect(log.awaitHeadCovering(before.treeSize + 3, { timeoutMs: 300 })).rejects.toThrow(
      /no signed tree head covers/,
    );
    const [next] = await log.append(leavesOf(1));
    expect(next).toBe(before.treeSize);
    const head = await log.awaitHeadCovering(before.treeSize + 1);
    expect(head.rootHash).toBe(toBase64Url(merkleRoot(await storedLeaves(head.treeSize))));
  });

  it("gives concurrent appends consecutive positions, and a burst few heads", async () => {
    const before = await log.awaitHeadCovering(0);
    const headsBefore = await headCount();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 4 === 0
          ? testHub.hub.context.database.db.transaction((tx) =>
              log.appendInTransaction(tx, leavesOf(2)),
            )
          : log.append(leavesOf(1)),
      ),
    );
    const indices = results.flat().sort((a, b) => a - b);
    expect(indices).toEqual(Array.from({ length: 50 }, (_, i) => before.treeSize + i));
    const head = await log.awaitHeadCovering(before.treeSize + 50);
    expect(head.treeSize).toBe(before.treeSize + 50);
    expect(head.rootHash).toBe(toBase64Url(merkleRoot(await storedLeaves(head.treeSize))));
    expect((await log.latestHead())?.treeSize).toBe(before.treeSize + 50);
    expect((await headCount()) - headsBefore).toBeLessThan(20);
  });

  it("refuses a leaf that is already logged", async () => {
    const [leaf] = leavesOf(1);
    await log.append([leaf as SignedLeaf]);
    await expect(log.append([leaf as SignedLeaf])).rejects.toThrow();
  });
});

describe("the database", () => {
  const keyColumn: Record<string, string> = {
    log_leaves: '"index"',
    log_nodes: '"index"',
    log_heads: "tree_size",
  };
  const statements = {
    UPDATE: (table: string) => `update ${table} set ${keyColumn[table]} = ${keyColumn[table]}`,
    DELETE: (table: string) => `delete from ${table}`,
    TRUNCATE: (table: string) => `truncate ${table}`,
  };
  for (const table of Object.keys(keyColumn)) {
    for (const [operation, statement] of Object.entries(statements)) {
      it(`refuses ${operation} on ${table}`, async () => {
        await log.append(leavesOf(2));
        const refusal = await testHub.hub.context.database.db
          .execute(sql.raw(statement(table)))
          .then(() => "accepted", databaseMessage);
        expect(refusal).toMatch(`the transparency log is append-only: ${operation} on ${table}`);
      });
    }
  }
});

describe("the log key", () => {
  it("is kept across restarts, in a file only the hub's user can read", async () => {
    const publicKey = testHub.hub.logPublicKey;
    const file = await stat(testHub.config.logKeyFile);
    if (process.platform !== "win32") expect(file.mode & 0o777).toBe(0o600);
    testHub = await testHub.restart();
    log = testHub.hub.context.log;
    expect(testHub.hub.logPublicKey).toBe(publicKey);
    const head = await log.latestHead();
    expect(head && verifiesWithKey(head, publicKey)).toBe(true);
  });
});
