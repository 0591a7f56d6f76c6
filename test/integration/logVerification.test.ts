import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  generateDeviceKeys,
  publicDeviceKeys,
  ready,
  sodiumDeviceCrypto,
} from "#client/core/crypto/index";
import { signRegistration } from "#client/core/deviceStatements";
import { HubClient } from "#client/core/hubClient";
import { FileHeadStore } from "#client/core/log/fileHeadStore";
import {
  LogApi,
  LogVerificationError,
  LogVerifier,
  type SecurityAlert,
  type SecurityAlertKind,
} from "#client/core/log/index";
import type { DeviceView } from "#shared/api/identity";
import { toBase64Url } from "#shared/encoding";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import { type SignedLeaf, signedLeafSchema } from "#shared/log/entries";
import { SignatureContexts, statementBytes } from "#shared/signing";
import { type MaliciousMode, serveMaliciousTwin } from "../../server/testing/maliciousMode";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, enrolMember, type TestMember, type TestNetwork } from "../support/network";

const clock = createTestClock();
/** What the malicious twin of the hub does now; every test leaves it empty. */
const mode: MaliciousMode = {};
let testHub: TestHub;
let network: TestNetwork;
let evil: { url: string; close(): Promise<void> };
let workDir: string;
let storeCount = 0;

beforeAll(async () => {
  await ready();
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  // The same hub (same database, same log key) behind the malicious-mode middleware.
  evil = await serveMaliciousTwin(testHub.hub.context, mode);
  workDir = await mkdtemp(join(tmpdir(), "relais-log-verify-"));
}, 180_000);
afterEach(() => {
  for (const key of Object.keys(mode)) delete mode[key as keyof MaliciousMode];
});
afterAll(async () => {
  await evil?.close();
  await testHub?.destroy();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** A fresh head store file for one scenario. */
const freshStorePath = () => join(workDir, `profile-${++storeCount}`, "log-heads.json");

/** A verifier for `member`'s session, on the honest hub or on its malicious twin. */
function verifierFor(member: TestMember, storePath: string, hubUrl = evil.url) {
  const client = new HubClient({ hubUrl, token: member.client.token });
  const verifier = LogVerifier.forClient(client, { store: new FileHeadStore(storePath) });
  const alerts: SecurityAlert[] = [];
  verifier.on("security-alert", (alert) => alerts.push(alert));
  return { client, verifier, alerts };
}

async function expectAlert(action: Promise<unknown>, kind: SecurityAlertKind) {
  const error = await action.catch((reason: unknown) => reason);
  expect(error).toBeInstanceOf(LogVerificationError);
  const failure = error as LogVerificationError;
  expect(failure.code).toBe("security_alert");
  expect(failure.alert?.kind).toBe(kind);
  return failure.alert!;
}

/** A new verifier (a new run of the app) over the same file still refuses, honest hub or not. */
async function expectPersistentAlert(member: TestMember, path: string, kind: SecurityAlertKind) {
  const { verifier, alerts } = verifierFor(member, path);
  await expectAlert(verifier.refresh(), kind);
  expect((await verifier.alerts()).map((alert) => alert.kind)).toEqual([kind]);
  expect(alerts).toEqual([]);
  expect((await stat(path)).mode & 0o777).toBe(0o600);
}

/** The code of the `LogVerificationError` that `action` fails with. */
async function codeOf(action: Promise<unknown>): Promise<string> {
  return ((await action.catch((reason: unknown) => reason)) as LogVerificationError).code;
}

/** Enrols a focal point, approved by `authority`. */
function enrolFocalPoint(authority: TestMember, username: string, country: string) {
  return enrolMember(testHub, clock, authority, { username, role: "focal_point", country });
}

async function devicesOf(member: TestMember): Promise<DeviceView[]> {
  if (member === network.admin) return network.admin.client.listDevices();
  return network.admin.client.personDevices(member.person.id);
}

/** The leaves the honest hub serves, parsed. */
async function servedLeaves(member: TestMember): Promise<SignedLeaf[]> {
  const api = LogApi.forClient(member.client);
  const bytes = await api.leafPage(0, (await api.head()).treeSize);
  return bytes.map((leaf) => signedLeafSchema.parse(JSON.parse(new TextDecoder().decode(leaf))));
}

describe("log verification by clients", () => {
  it("verifies every device of the network back to the root device", async () => {
    const { verifier } = verifierFor(network.auditor, freshStorePath(), testHub.url);
    const [root] = await devicesOf(network.admin);
    for (const member of Object.values(network)) {
      const [device] = await devicesOf(member);
      const verified = await verifier.verifyDeviceKey(device!);
      expect(verified.encryptionKey).toBe(device!.registration.encryptionKey);
      expect(verified.chain.at(-1)).toBe(root!.id);
    }
    const [focalPoint] = await devicesOf(network.focalPointNE);
    const [coordinator] = await devicesOf(network.coordinatorNE);
    const chain = [focalPoint!.id, coordinator!.id, root!.id];
    expect((await verifier.verifyDeviceKey(focalPoint!)).chain).toEqual(chain);
  });

  it("pins the log key, keeps the accepted head in a 0600 file, and accepts only consistent growth", async () => {
    const storePath = freshStorePath();
    const { verifier } = verifierFor(network.admin, storePath, testHub.url);
    const first = await verifier.refresh();
    const state = await verifier.state();
    expect(state.logKey).toBe(testHub.hub.logPublicKey);
    expect(state.head).toEqual(first);
    expect((await stat(storePath)).mode & 0o777).toBe(0o600);
    const newcomer = await enrolFocalPoint(network.coordinatorSN, "sn.second.fp", "SN");
    const accepted: number[] = [];
    verifier.on("head-accepted", (head) => accepted.push(head.treeSize));
    const grown = await verifier.refresh();
    expect(grown.treeSize).toBeGreaterThan(first.treeSize);
    expect(accepted).toEqual([grown.treeSize]);
    const [device] = await devicesOf(newcomer);
    expect((await verifier.verifyDeviceKey(device!)).treeSize).toBe(grown.treeSize);
  });

  it("verifies that a leaf is included in the accepted head", async () => {
    const { verifier } = verifierFor(network.focalPointSN, freshStorePath(), testHub.url);
    const leaves = await servedLeaves(network.focalPointSN);
    const last = leaves.at(-1)!;
    const included = await verifier.verifyLeafIncluded(last);
    expect(included.index).toBe(leaves.length - 1);
    const absent = { ...last, signature: toBase64Url(new Uint8Array(64)) };
    expect(await codeOf(verifier.verifyLeafIncluded(absent))).toBe("not_in_log");
  });

  it("refuses a revoked device, and a device that is not in the log yet", async () => {
    const member = await enrolFocalPoint(network.coordinatorNE, "ne.leaving.fp", "NE");
    const [device] = await devicesOf(member);
    await network.coordinatorNE.client.revokeDevice(device!.id);
    const { verifier } = verifierFor(network.coordinatorNE, freshStorePath(), testHub.url);
    expect(await codeOf(verifier.verifyDeviceKey(device!))).toBe("device_revoked");
    const unknown = { ...device!, id: crypto.randomUUID() };
    expect(await codeOf(verifier.verifyDeviceKey(unknown))).toBe("not_in_log");
  });
});

describe("a malicious hub is caught, and the alert persists until cleared", () => {
  it("detects a forked log (same size, another root, signed with the real key)", async () => {
    const storePath = freshStorePath();
    const { verifier, alerts } = verifierFor(network.coordinatorNE, storePath);
    const honest = await verifier.syncLog();
    mode.forkLog = true;
    const alert = await expectAlert(verifier.refresh(), "inconsistent_head");
    expect(alert.details.acceptedRoot).toBe(honest.rootHash);
    expect(alerts.map((item) => item.kind)).toEqual(["inconsistent_head"]);
    // Never a silent retry: the same verifier refuses, even once the hub behaves again.
    mode.forkLog = false;
    await expectAlert(verifier.refresh(), "inconsistent_head");
    await expectPersistentAlert(network.coordinatorNE, storePath, "inconsistent_head");
    // Cleared explicitly by the user, verification works again against the honest log.
    await verifier.clearAlerts();
    expect((await verifier.refresh()).rootHash).toBe(honest.rootHash);
    // A client that never saw the log trusts the forked head, but not the forged leaf under it.
    mode.forkLog = true;
    const newcomer = freshStorePath();
    const { verifier: naive } = verifierFor(network.coordinatorSN, newcomer);
    expect((await expectAlert(naive.syncLog(), "invalid_leaf")).message).toMatch(/^leaf \d+:/);
    mode.forkLog = false;
    await expectPersistentAlert(network.coordinatorSN, newcomer, "invalid_leaf");
  });

  it("detects a substituted device key, even one the attacker self-signed", async () => {
    const storePath = freshStorePath();
    const victim = network.focalPointNE;
    const [real] = await devicesOf(victim);
    const attacker = generateDeviceKeys();
    const forged = signRegistration(sodiumDeviceCrypto, attacker, {
      personId: victim.person.id,
      deviceId: real!.id,
      deviceName: real!.registration.deviceName,
      createdAt: new Date(real!.registration.createdAt),
    });
    const swapped = { ...publicDeviceKeys(attacker), selfSignature: forged.selfSignature };
    mode.substituteDeviceKey = { deviceId: real!.id, ...swapped };
    const { client, verifier, alerts } = verifierFor(network.admin, storePath);
    const [served] = await client.personDevices(victim.person.id);
    expect(served!.registration.encryptionKey).toBe(swapped.encryptionKey);
    const alert = await expectAlert(verifier.verifyDeviceKey(served!), "substituted_key");
    expect(alert.details).toMatchObject({
      loggedEncryptionKey: real!.registration.encryptionKey,
      servedEncryptionKey: swapped.encryptionKey,
    });
    expect(alerts).toHaveLength(1);
    delete mode.substituteDeviceKey;
    await expectPersistentAlert(network.admin, storePath, "substituted_key");
  });

  it("detects a rewritten past leaf that substitutes a device key in the log itself", async () => {
    const storePath = freshStorePath();
    const leaves = await servedLeaves(network.auditor);
    const [target] = await devicesOf(network.focalPointSN);
    const index = leaves.findIndex(
      (leaf) =>
        leaf.entry.type === "device-enrolled" && leaf.entry.registration.deviceId === target!.id,
    );
    expect(index).toBeGreaterThan(0);
    const original = leaves[index]!;
    if (original.entry.type !== "device-enrolled") throw new Error("not a device leaf");
    const { signingKey, encryptionKey } = publicDeviceKeys(generateDeviceKeys());
    const registration = { ...original.entry.registration, signingKey, encryptionKey };
    const rewritten = { ...original, entry: { ...original.entry, registration } };
    mode.rewriteLeaf = { index, leaf: canonicalJsonBytes(rewritten) };
    const { verifier } = verifierFor(network.auditor, storePath);
    const alert = await expectAlert(verifier.verifyDeviceKey(target!), "invalid_leaf");
    expect(alert.details.index).toBe(index);
    delete mode.rewriteLeaf;
    await expectPersistentAlert(network.auditor, storePath, "invalid_leaf");
  });

  it("detects a rewritten past leaf that is validly signed, by its root", async () => {
    const storePath = freshStorePath();
    const { verifier } = verifierFor(network.admin, storePath);
    await verifier.syncLog();
    // A colluding administrator's device re-signs its own earlier entry with another time.
    const leaves = await servedLeaves(network.admin);
    const index = leaves.findIndex(
      (leaf) => leaf.signer === network.admin.deviceId && leaf.entry.type === "role-granted",
    );
    const original = leaves[index]!;
    const at = new Date(Date.parse(original.entry.at) + 1).toISOString();
    const entry = { ...original.entry, at };
    const signature = sodiumDeviceCrypto.signStatement(
      SignatureContexts.logEntry,
      statementBytes(entry),
      network.admin.keys.signing.privateKey,
    );
    mode.rewriteLeaf = {
      index,
      leaf: canonicalJsonBytes({ ...original, entry, signature: toBase64Url(signature) }),
    };
    // A later run replays the log from scratch over the head it accepted.
    const rerun = verifierFor(network.admin, storePath).verifier;
    await expectAlert(rerun.syncLog(), "leaves_mismatch");
    delete mode.rewriteLeaf;
    await expectPersistentAlert(network.admin, storePath, "leaves_mismatch");
  });

  it("detects a head signed by another key than the pinned log key", async () => {
    const storePath = freshStorePath();
    const { verifier } = verifierFor(network.focalPointSN, storePath);
    await verifier.refresh();
    mode.foreignHeadKey = true;
    await expectAlert(verifier.refresh(), "bad_head_signature");
    mode.foreignHeadKey = false;
    await expectPersistentAlert(network.focalPointSN, storePath, "bad_head_signature");
    // Even a client that never saw the hub pins the published key and refuses the head.
    mode.foreignHeadKey = true;
    const fresh = verifierFor(network.focalPointSN, freshStorePath()).verifier;
    await expectAlert(fresh.refresh(), "bad_head_signature");
  });

  it("detects a log key that changed since it was pinned", async () => {
    const storePath = freshStorePath();
    const store = new FileHeadStore(storePath);
    const { verifier } = verifierFor(network.focalPointNE, storePath);
    await verifier.refresh();
    const state = await verifier.state();
    const otherKey = toBase64Url(generateDeviceKeys().signing.publicKey);
    await store.save(evil.url, { ...state, logKey: otherKey });
    const rerun = verifierFor(network.focalPointNE, storePath).verifier;
    const alert = await expectAlert(rerun.refresh(), "log_key_changed");
    expect(alert.details).toEqual({ pinned: otherKey, served: testHub.hub.logPublicKey });
    await expectPersistentAlert(network.focalPointNE, storePath, "log_key_changed");
    await rerun.clearAlerts({ resetTrust: true });
    expect((await rerun.refresh()).treeSize).toBeGreaterThan(0);
    expect((await rerun.state()).logKey).toBe(testHub.hub.logPublicKey);
  });
});
