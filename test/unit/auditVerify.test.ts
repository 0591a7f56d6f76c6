import { beforeAll, describe, expect, it } from "vitest";
import { nodeLogHasher } from "#client/cli/commands/audit";
import { generateDeviceKeys, ready, signStatement } from "#client/core/crypto/index";
import {
  type AuditReport,
  IncrementalMerkleTree,
  openLogExport,
  verifyExportedLog,
} from "#client/core/log/index";
import type { SignedTreeHead } from "#shared/api/log";
import { toBase64Url } from "#shared/encoding";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import { type LogEntry, type SignedLeaf, signedLeafSchema } from "#shared/log/entries";
import { merkleRoot } from "#shared/log/merkle";
import { SignatureContexts, statementBytes } from "#shared/signing";
import {
  buildSignedLog,
  enrolment,
  exportChunks,
  type SyntheticLog,
  signedLeaf,
  signHead,
} from "../../bench/logVerify";

let log: SyntheticLog;

beforeAll(async () => {
  await ready();
  // Bootstrap, 25 focal points with a device each, two revocations; a head every 16 leaves.
  log = await buildSignedLog(52, 16);
});

/** Splits `chunks` into pieces of `size` bytes, so that lines straddle chunk boundaries. */
function* rechunked(chunks: Uint8Array[], size: number): Generator<Uint8Array> {
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i += size) yield chunk.subarray(i, i + size);
  }
}

async function audit(
  subject: SyntheticLog,
  options: { leafSignatures?: boolean; chunkSize?: number } = {},
): Promise<AuditReport> {
  const chunks = exportChunks(subject);
  const opened = await openLogExport(
    options.chunkSize ? rechunked(chunks, options.chunkSize) : chunks,
  );
  return verifyExportedLog({
    heads: opened.header.heads,
    logPublicKey: opened.header.logKey.publicKey,
    leaves: opened.leaves,
    leafSignatures: options.leafSignatures,
  });
}

/** The same log with other leaves, heads re-signed at the same sizes (and the end). */
function withLeaves(subject: SyntheticLog, leaves: Uint8Array[]): SyntheticLog {
  const sizes = new Set([...subject.heads.map((head) => head.treeSize), leaves.length]);
  const tree = new IncrementalMerkleTree();
  const heads: SignedTreeHead[] = [];
  for (const leaf of leaves) {
    tree.append(leaf);
    if (sizes.has(tree.size)) heads.push(signHead(tree, tree.size, subject.logKeys));
  }
  return { ...subject, leaves, heads };
}

function parsed(leaf: Uint8Array): SignedLeaf {
  return signedLeafSchema.parse(JSON.parse(new TextDecoder().decode(leaf)));
}

/** A leaf for `entry`, validly signed by the log's root device: only its content can be wrong. */
function signedByRoot(entry: LogEntry): Uint8Array {
  const { deviceId, keys } = log.rootDevice;
  const { logEntry } = SignatureContexts;
  const signature = signStatement(logEntry, statementBytes(entry), keys.signing.privateKey);
  return canonicalJsonBytes({ v: 1, entry, signer: deviceId, signature: toBase64Url(signature) });
}

function indexOf(type: string, from = 0): number {
  return log.leaves.findIndex((leaf, i) => i >= from && parsed(leaf).entry.type === type);
}

describe("offline verification of an exported log", () => {
  it("accepts a good export, with and without leaf signatures, however it is chunked", async () => {
    const full = await audit(log);
    expect(full).toMatchObject({ ok: true, leafCount: 52, leafSignatures: true, failure: null });
    expect(full.headCount).toBe(4);
    expect((await audit(log, { leafSignatures: false })).ok).toBe(true);
    expect((await audit(log, { chunkSize: 7 })).ok).toBe(true);
  });

  it("recomputes the same roots as merkleRoot at every size, with either hasher", () => {
    const shared = new IncrementalMerkleTree();
    const native = new IncrementalMerkleTree(nodeLogHasher);
    for (let size = 0; size <= log.leaves.length; size++) {
      const expected = merkleRoot(log.leaves.slice(0, size));
      expect(shared.root()).toEqual(expected);
      expect(new Uint8Array(native.root())).toEqual(expected);
      const leaf = log.leaves[size];
      if (leaf) {
        shared.append(leaf);
        native.append(leaf);
      }
    }
  });

  it("names the first bad index of a leaf with a flipped byte", async () => {
    const index = indexOf("device-enrolled", 20);
    const leaves = [...log.leaves];
    const flipped = Uint8Array.from(leaves[index]!);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    leaves[index] = flipped;
    const tampered = { ...log, leaves };
    expect((await audit(tampered)).failure).toMatchObject({ kind: "invalid_leaf", index });
    // Without leaf signatures, the signed root of the range holding it fails.
    const structural = await audit(tampered, { leafSignatures: false });
    expect(structural.failure).toMatchObject({ kind: "root_mismatch", index: 16, treeSize: 32 });
  });

  it("reports a head whose signature does not verify", async () => {
    const heads = log.heads.map((head, i) =>
      i === 1 ? { ...head, timestamp: "2030-01-01T00:00:00.000Z" } : head,
    );
    const report = await audit({ ...log, heads });
    expect(report.failure).toMatchObject({ kind: "head_signature", index: null, treeSize: 32 });
  });

  it("reports two signed heads of one size with different roots: a fork", async () => {
    const forked = withLeaves(log, [...log.leaves.slice(0, 31), log.leaves[40]!]);
    const heads = [...log.heads, forked.heads[1]!];
    expect((await audit({ ...log, heads })).failure).toMatchObject({
      kind: "forked_heads",
      treeSize: 32,
    });
  });

  it("reports a device vouched for by a device the log never enrolled", async () => {
    const index = indexOf("device-enrolled", 10);
    const original = parsed(log.leaves[index]!);
    if (original.entry.type !== "device-enrolled") throw new Error("not a device leaf");
    const stranger = generateDeviceKeys();
    const { registration } = original.entry;
    const counter = signStatement(
      SignatureContexts.deviceCountersignature,
      statementBytes(registration),
      stranger.signing.privateKey,
    );
    const entry = {
      ...original.entry,
      countersignature: toBase64Url(counter),
      countersignedBy: crypto.randomUUID(),
    };
    const leaves = [...log.leaves];
    leaves[index] = signedByRoot(entry);
    expect((await audit(withLeaves(log, leaves))).failure).toMatchObject({
      kind: "broken_chain",
      index,
      reason: expect.stringContaining("not a trusted device"),
    });
  });

  it("reports a second root device, and leaves that are not canonical JSON", async () => {
    const index = indexOf("device-enrolled", 30);
    const original = parsed(log.leaves[index]!);
    if (original.entry.type !== "device-enrolled") throw new Error("not a device leaf");
    const secondRoot = { ...original.entry, countersignature: null, countersignedBy: null };
    const leaves = [...log.leaves];
    leaves[index] = signedByRoot(secondRoot);
    expect((await audit(withLeaves(log, leaves))).failure).toMatchObject({
      kind: "broken_chain",
      index,
      reason: "a second network root device",
    });
    const spaced = [...log.leaves];
    spaced[7] = new TextEncoder().encode(
      JSON.stringify(parsed(log.leaves[7]!), null, 1).replace(/\n/g, ""),
    );
    expect((await audit(withLeaves(log, spaced))).failure).toMatchObject({
      kind: "invalid_leaf",
      index: 7,
    });
  });

  it("holds every vouching and signing device to the hub's own authorization rules", async () => {
    const root = log.rootDevice;
    const role = (personId: string, username: string): LogEntry => ({
      v: 1,
      type: "role-granted",
      personId,
      username,
      role: "focal_point",
      country: "NE",
      at: "2025-02-01T00:00:00.000Z",
    });
    const [first, second] = [crypto.randomUUID(), crypto.randomUUID()];
    const firstDevice = enrolment(first, 1, root);
    const bootstrap = log.leaves.slice(0, 2);
    const enrolFirst = [
      signedLeaf(role(first, "fp.one"), root.deviceId, root.keys),
      signedLeaf(firstDevice.entry, root.deviceId, root.keys),
      signedLeaf(role(second, "fp.two"), root.deviceId, root.keys),
    ];
    // A focal point vouching for someone else's device.
    const vouched = enrolment(second, 2, firstDevice);
    const byFocalPoint = [
      ...bootstrap,
      ...enrolFirst,
      signedLeaf(vouched.entry, firstDevice.deviceId, firstDevice.keys),
    ];
    expect((await audit(withLeaves(log, byFocalPoint), {})).failure).toMatchObject({
      kind: "broken_chain",
      index: 5,
      reason: expect.stringContaining("may not vouch"),
    });
    // A revoked device still signing.
    const revoke: LogEntry = {
      v: 1,
      type: "device-revoked",
      deviceId: firstDevice.deviceId,
      at: "2025-02-02T00:00:00.000Z",
    };
    const afterRevocation = [
      ...bootstrap,
      ...enrolFirst,
      signedLeaf(revoke, root.deviceId, root.keys),
      signedLeaf(role(crypto.randomUUID(), "fp.three"), firstDevice.deviceId, firstDevice.keys),
    ];
    expect((await audit(withLeaves(log, afterRevocation), {})).failure).toMatchObject({
      kind: "broken_chain",
      index: 6,
      reason: expect.stringContaining("revoked at leaf 5"),
    });
  });

  it("reports a truncated export and leaves no head covers", async () => {
    const truncated = { ...log, leaves: log.leaves.slice(0, 50) };
    expect((await audit(truncated)).failure).toMatchObject({ kind: "truncated", index: 50 });
    const heads = log.heads.filter((head) => head.treeSize <= 48);
    expect((await audit({ ...log, heads })).failure).toMatchObject({
      kind: "unsigned_leaves",
      index: 48,
    });
  });
});
