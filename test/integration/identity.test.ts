import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HubError } from "#client/core/errors";
import { HubClient } from "#client/core/hubClient";
import { signedLeafSchema } from "#shared/log/entries";
import { verifyDeviceStatement } from "../../server/identity/signatures";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestNetwork } from "../support/network";

const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
}, 120_000);
afterAll(async () => {
  await testHub?.destroy();
});

async function hubError(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

describe("the transparency log of identity events", () => {
  it("holds every role and device of the network, each signed by the acting device", async () => {
    const log = testHub.hub.context.log;
    const head = await log.awaitHeadCovering(12);
    const leaves = (await log.leaves(0, head.treeSize)).map(({ leaf }) =>
      signedLeafSchema.parse(JSON.parse(new TextDecoder().decode(leaf))),
    );
    const [first, second] = leaves;
    expect(first?.entry).toMatchObject({
      type: "role-granted",
      username: "admin",
      role: "administrator",
    });
    expect(second?.entry).toMatchObject({ type: "device-enrolled", countersignedBy: null });
    expect(second?.signer).toBe(network.admin.deviceId);
    const keys = new Map<string, string>();
    for (const leaf of leaves) {
      if (leaf.entry.type === "device-enrolled") {
        keys.set(leaf.entry.registration.deviceId, leaf.entry.registration.signingKey);
      }
    }
    for (const leaf of leaves) {
      const signerKey = keys.get(leaf.signer);
      expect(signerKey, `signer of leaf ${leaf.entry.type}`).toBeDefined();
      expect(verifyDeviceStatement("log-entry", leaf.entry, leaf.signature, signerKey ?? "")).toBe(
        true,
      );
    }
    const enrolled = leaves.filter((leaf) => leaf.entry.type === "device-enrolled");
    expect(enrolled).toHaveLength(6);
    const granted = leaves.filter((leaf) => leaf.entry.type === "role-granted");
    expect(
      granted.map((leaf) => leaf.entry.type === "role-granted" && leaf.entry.username),
    ).toEqual(
      expect.arrayContaining([
        "admin",
        "auditor",
        "ne.coordinator",
        "sn.coordinator",
        "ne.smuggling.fp",
      ]),
    );
  });
});

describe("enrolment and login", () => {
  it("enrols an administrator, coordinators and focal points who log in with password, TOTP and device key", async () => {
    const me = await network.focalPointNE.client.me();
    expect(me.person).toMatchObject({
      username: "ne.smuggling.fp",
      role: "focal_point",
      country: "NE",
      status: "active",
    });
    expect(me.device.status).toBe("active");
    expect(me.device.countersignedBy).toBe(network.coordinatorNE.deviceId);
    const admin = await network.admin.client.me();
    expect(admin.device.countersignature).toBeNull();
  });

  it("refuses a wrong password with invalid_credentials", async () => {
    const client = new HubClient({ hubUrl: testHub.url });
    const { username, deviceId, keys } = network.focalPointSN;
    const error = await hubError(
      client.login({
        username,
        password: "not the password at all",
        totpCode: "000000",
        deviceId,
        keys,
      }),
    );
    expect(error.code).toBe("invalid_credentials");
  });

  it("refuses a wrong TOTP code with invalid_totp", async () => {
    const client = new HubClient({ hubUrl: testHub.url });
    const { username, password, deviceId, keys } = network.focalPointSN;
    const error = await hubError(
      client.login({ username, password, totpCode: "000000", deviceId, keys }),
    );
    expect(error.code).toBe("invalid_totp");
  });

  it("refuses a TOTP code that was already used, even within its 30 seconds", async () => {
    const { username, password, deviceId, keys } = network.focalPointSN;
    const code = await network.focalPointSN.totp();
    await new HubClient({ hubUrl: testHub.url }).login({
      username,
      password,
      totpCode: code,
      deviceId,
      keys,
    });
    const replay = new HubClient({ hubUrl: testHub.url });
    const error = await hubError(
      replay.login({ username, password, totpCode: code, deviceId, keys }),
    );
    expect(error.code).toBe("invalid_totp");
  });

  it("refuses a challenge signed by another device's key with invalid_device_signature", async () => {
    const client = new HubClient({ hubUrl: testHub.url });
    const { username, password, deviceId } = network.focalPointSN;
    const error = await hubError(
      client.login({
        username,
        password,
        totpCode: await network.focalPointSN.totp(),
        deviceId,
        keys: network.focalPointNE.keys,
      }),
    );
    expect(error.code).toBe("invalid_device_signature");
  });

  it("refuses a reused enrolment code with enrolment_code_used", async () => {
    const created = await network.admin.client.createPerson({
      username: "reuse.test",
      displayName: "Reuse",
      role: "auditor",
      country: null,
    });
    const client = new HubClient({ hubUrl: testHub.url });
    const started = await client.startEnrolment(created.enrolment.code);
    await client.completeEnrolment({
      started,
      password: "a long enough passphrase",
      totpCode: await totpFor(started.totp?.secret),
      deviceName: "one",
    });
    const error = await hubError(client.startEnrolment(created.enrolment.code));
    expect(error.code).toBe("enrolment_code_used");
  });

  it("refuses an expired enrolment code with enrolment_code_expired", async () => {
    const created = await network.admin.client.createPerson({
      username: "late.test",
      displayName: "Late",
      role: "auditor",
      country: null,
    });
    clock.advance(73 * 3_600_000);
    const error = await hubError(
      new HubClient({ hubUrl: testHub.url }).startEnrolment(created.enrolment.code),
    );
    expect(error.code).toBe("enrolment_code_expired");
    clock.advance(-73 * 3_600_000);
  });

  it("refuses a weak password at enrolment with weak_password", async () => {
    const created = await network.admin.client.createPerson({
      username: "weak.test",
      displayName: "Weak",
      role: "auditor",
      country: null,
    });
    const client = new HubClient({ hubUrl: testHub.url });
    const started = await client.startEnrolment(created.enrolment.code);
    const error = await hubError(
      client.completeEnrolment({
        started,
        password: "short",
        totpCode: await totpFor(started.totp?.secret),
        deviceName: "d",
      }),
    );
    expect(error.code).toBe("weak_password");
  });

  it("never prints the bootstrap code again once it was used", async () => {
    const restarted = await testHub.restart();
    testHub = restarted;
    expect(restarted.hub.bootstrapCode).toBeNull();
  });
});

async function totpFor(secret: string | undefined): Promise<string> {
  const { totpAt } = await import("../support/network");
  if (!secret) throw new Error("no TOTP secret");
  return totpAt(clock, secret);
}
