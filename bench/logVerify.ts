import { createHash } from "node:crypto";
import { sha256 } from "@noble/hashes/sha2.js";
import { nodeLogHasher } from "#client/cli/commands/audit";
import {
  type DeviceKeys,
  generateDeviceKeys,
  publicDeviceKeys,
  ready,
  signStatement,
} from "#client/core/crypto/index";
import {
  IncrementalMerkleTree,
  type LogExportHeader,
  type LogHasher,
  logExportHeaderLine,
  logExportLeafLine,
  openLogExport,
  sharedLogHasher,
  treeHeadStatementBytes,
  verifyExportedLog,
} from "#client/core/log/index";
import type { SignedTreeHead } from "#shared/api/log";
import { toBase64Url } from "#shared/encoding";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import type { LogEntry, SignedLeaf } from "#shared/log/entries";
import { SignatureContexts, statementBytes } from "#shared/signing";
import { report } from "./report";

/** A synthetic log: its leaves, signed heads and log key. */
export interface SyntheticLog {
  readonly leaves: Uint8Array[];
  readonly heads: SignedTreeHead[];
  readonly logPublicKey: string;
  /** The log key pair, to sign more heads (tests of bad heads). */
  readonly logKeys: DeviceKeys["signing"];
  /** The network root device, which signs most leaves (tests of bad leaves). */
  readonly rootDevice: { readonly deviceId: string; readonly keys: DeviceKeys };
}

const BASE_TIME = Date.parse("2025-01-01T00:00:00.000Z");
const at = (i: number) => new Date(BASE_TIME + i * 1000).toISOString();

/** The bytes of a leaf for `entry`, signed (context `log-entry`) by device `signer`. */
export function signedLeaf(entry: LogEntry, signer: string, keys: DeviceKeys): Uint8Array {
  const { logEntry } = SignatureContexts;
  const signature = signStatement(logEntry, statementBytes(entry), keys.signing.privateKey);
  const leaf: SignedLeaf = { v: 1, entry, signer, signature: toBase64Url(signature) };
  return canonicalJsonBytes(leaf);
}

/** A `device-enrolled` entry for a new device of `personId`, countersigned by `authority`. */
export function enrolment(
  personId: string,
  i: number,
  authority: { deviceId: string; keys: DeviceKeys } | null,
): { entry: LogEntry; deviceId: string; keys: DeviceKeys } {
  const keys = generateDeviceKeys();
  const deviceId = crypto.randomUUID();
  const registration = {
    v: 1 as const,
    type: "device-registration" as const,
    personId,
    deviceId,
    deviceName: `device ${i}`,
    ...publicDeviceKeys(keys),
    createdAt: at(i),
  };
  const bytes = statementBytes(registration);
  const { deviceRegistration, deviceCountersignature } = SignatureContexts;
  const self = signStatement(deviceRegistration, bytes, keys.signing.privateKey);
  const counter =
    authority && signStatement(deviceCountersignature, bytes, authority.keys.signing.privateKey);
  const entry: LogEntry = {
    v: 1,
    type: "device-enrolled",
    registration,
    selfSignature: toBase64Url(self),
    countersignature: counter && toBase64Url(counter),
    countersignedBy: authority?.deviceId ?? null,
    at: at(i),
  };
  return { entry, deviceId, keys };
}

/** Signs a head of `tree` at its current size with the log key. */
export function signHead(tree: IncrementalMerkleTree, i: number, logKeys: DeviceKeys["signing"]) {
  const head = {
    v: 1 as const,
    treeSize: tree.size,
    rootHash: toBase64Url(tree.root()),
    timestamp: at(i),
  };
  const bytes = treeHeadStatementBytes({ ...head, signature: "" });
  const signature = signStatement(SignatureContexts.treeHead, bytes, logKeys.privateKey);
  return { ...head, signature: toBase64Url(signature) } satisfies SignedTreeHead;
}

/**
 * A valid, fully signed log of about `leafCount` leaves: the bootstrap (the administrator's
 * role, the root device), then focal points enrolled by the root device, each with a device
 * countersigned by it; every tenth device is revoked. A head is signed every `headEvery` leaves
 * and at the end. Needs libsodium: awaits `ready()`.
 */
export async function buildSignedLog(leafCount: number, headEvery = 10_000): Promise<SyntheticLog> {
  await ready();
  const logKeys = generateDeviceKeys().signing;
  const tree = new IncrementalMerkleTree();
  const leaves: Uint8Array[] = [];
  const heads: SignedTreeHead[] = [];
  const push = (leaf: Uint8Array) => {
    leaves.push(leaf);
    tree.append(leaf);
    if (tree.size % headEvery === 0) heads.push(signHead(tree, tree.size, logKeys));
  };
  const adminId = crypto.randomUUID();
  const root = enrolment(adminId, 0, null);
  const rootSigner = { deviceId: root.deviceId, keys: root.keys };
  const role = (personId: string, i: number, kind: "administrator" | "focal_point"): LogEntry => ({
    v: 1,
    type: "role-granted",
    personId,
    username: `member.${i}`,
    role: kind,
    country: kind === "administrator" ? null : "NE",
    at: at(i),
  });
  push(signedLeaf(role(adminId, 0, "administrator"), root.deviceId, root.keys));
  push(signedLeaf(root.entry, root.deviceId, root.keys));
  for (let i = 1; leaves.length < leafCount; i++) {
    const personId = crypto.randomUUID();
    push(signedLeaf(role(personId, i, "focal_point"), root.deviceId, root.keys));
    if (leaves.length >= leafCount) break;
    const device = enrolment(personId, i, rootSigner);
    push(signedLeaf(device.entry, root.deviceId, root.keys));
    if (i % 10 === 0 && leaves.length < leafCount) {
      const revoked: LogEntry = {
        v: 1,
        type: "device-revoked",
        deviceId: device.deviceId,
        at: at(i),
      };
      push(signedLeaf(revoked, root.deviceId, root.keys));
    }
  }
  if (heads.at(-1)?.treeSize !== tree.size) heads.push(signHead(tree, tree.size, logKeys));
  return {
    leaves,
    heads,
    logPublicKey: toBase64Url(logKeys.publicKey),
    logKeys,
    rootDevice: rootSigner,
  };
}

/**
 * A log of `leafCount` leaves shaped like {@link buildSignedLog}'s (the same entries, sizes and
 * mix), made by varying the `at` of a signed sample: the leaf signatures do not verify, so it is
 * for the Merkle structure and the heads only. Heads are real.
 */
export async function buildStructureLog(
  leafCount: number,
  headEvery = 10_000,
): Promise<SyntheticLog> {
  const sample = await buildSignedLog(211);
  const texts = sample.leaves.map((leaf) => new TextDecoder().decode(leaf));
  const encoder = new TextEncoder();
  const tree = new IncrementalMerkleTree();
  const leaves: Uint8Array[] = [];
  const heads: SignedTreeHead[] = [];
  for (let i = 0; i < leafCount; i++) {
    const text = texts[i % texts.length]!.replace(/"at":"[^"]*"/, `"at":"${at(i)}"`);
    const leaf = encoder.encode(text);
    leaves.push(leaf);
    tree.append(leaf);
    if (tree.size % headEvery === 0 || i === leafCount - 1)
      heads.push(signHead(tree, i, sample.logKeys));
  }
  return { ...sample, leaves, heads };
}

/** The export file of `log`, as the chunks a file stream would give (about 1 MiB each). */
export function exportChunks(log: SyntheticLog, hubUrl = "https://hub.example.org"): Uint8Array[] {
  const header: LogExportHeader = {
    v: 1,
    format: "relais-log-export",
    hubUrl,
    exportedAt: new Date().toISOString(),
    logKey: { v: 1, algorithm: "Ed25519", publicKey: log.logPublicKey },
    heads: log.heads,
    leafCount: log.leaves.length,
  };
  const chunks: Uint8Array[] = [];
  let parts: Uint8Array[] = [logExportHeaderLine(header)];
  let size = parts[0]!.length;
  const flush = () => {
    chunks.push(Buffer.concat(parts));
    parts = [];
    size = 0;
  };
  log.leaves.forEach((leaf, index) => {
    const line = logExportLeafLine(index, leaf);
    parts.push(line);
    size += line.length;
    if (size >= 1 << 20) flush();
  });
  if (parts.length > 0) flush();
  return chunks;
}

/** Seconds to verify an export given as chunks, the way `relais audit verify` does. */
export async function timeVerify(
  log: SyntheticLog,
  leafSignatures: boolean,
  hasher: LogHasher = sharedLogHasher,
): Promise<number> {
  const chunks = exportChunks(log);
  const started = performance.now();
  const opened = await openLogExport(chunks);
  const result = await verifyExportedLog({
    heads: opened.header.heads,
    logPublicKey: opened.header.logKey.publicKey,
    leaves: opened.leaves,
    leafSignatures,
    hasher,
  });
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) throw new Error(`the synthetic log does not verify: ${result.failure?.reason}`);
  return seconds;
}

/** Seconds to SHA-256 every leaf once with `hash`: the baseline of the same run. */
function hashOnce(log: SyntheticLog, hash: (bytes: Uint8Array) => Uint8Array): number {
  const started = performance.now();
  for (const leaf of log.leaves) hash(leaf);
  return (performance.now() - started) / 1000;
}

/**
 * `log.verify_1m`: seconds to verify a 1,000,000-leaf export offline as `relais audit verify
 * --no-signatures` does (Node's SHA-256): every head's signature, the root at every head
 * recomputed from the leaves. Baseline: one SHA-256 of each leaf's bytes, same hash, same run.
 * `log.verify_1m_noble`: the same with the shared module's `@noble/hashes` (what a browser
 * runs), against a `@noble/hashes` baseline. `log.verify_1m_signatures_est`: with every leaf
 * signature and the chain of trust checked (the CLI's default), extrapolated from a fully signed
 * log of `signedSample` leaves; its baseline is the structure-only time.
 */
export async function benchLogVerify(leafCount = 1_000_000, signedSample = 20_000): Promise<void> {
  const scale = 1_000_000 / leafCount;
  const log = await buildStructureLog(leafCount);
  const nodeBaseline = hashOnce(log, (leaf) => createHash("sha256").update(leaf).digest());
  const structure = (await timeVerify(log, false, nodeLogHasher)) * scale;
  report("log.verify_1m", structure, "s", nodeBaseline * scale);
  const nobleBaseline = hashOnce(log, (leaf) => sha256(leaf));
  const noble = (await timeVerify(log, false, sharedLogHasher)) * scale;
  report("log.verify_1m_noble", noble, "s", nobleBaseline * scale);
  const signed = await buildSignedLog(signedSample);
  const full = await timeVerify(signed, true, nodeLogHasher);
  report("log.verify_1m_signatures_est", (full * 1_000_000) / signed.leaves.length, "s", structure);
}
