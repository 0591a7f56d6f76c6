import { sql } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DeviceKeys,
  generateDeviceKeys,
  publicDeviceKeys,
  ready,
  signStatement,
  verifyStatement,
} from "#client/core/crypto/index";
import { ClientError, HubError } from "#client/core/errors";
import { type EnrolmentResult, HubClient, type StartedEnrolment } from "#client/core/hubClient";
import { type HubSocket, request } from "#client/core/hubSocket";
import type { DeviceView } from "#shared/api/identity";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import { SignatureContexts, statementBytes } from "#shared/signing";
import { startTestHub, type TestHub } from "../support/hub";

/**
 * An authenticator app: codes for a TOTP secret, never reusing a time step (the hub refuses a
 * step it already accepted). Takes the next step early (the hub tolerates one step of drift)
 * and waits only when two codes were already used in the current one.
 */
class Authenticator {
  private lastStep = 0;
  constructor(private readonly secret: string) {}

  async code(): Promise<string> {
    const currentStep = Math.floor(Date.now() / 30_000);
    const step = Math.max(currentStep, this.lastStep + 1);
    if (step > currentStep + 1) {
      await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 200));
    }
    this.lastStep = step;
    return generate({ secret: this.secret, epoch: step * 30 });
  }
}

/** A person enrolled through the SDK, with everything their device keeps. */
type Enrolled = Extract<EnrolmentResult, { keys: DeviceKeys }> & {
  client: HubClient;
  password: string;
  authenticator: Authenticator;
  started: StartedEnrolment;
};

async function expectRejection<E extends Error>(
  action: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  const error = await action.catch((reason: unknown) => reason);
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/** The hub's error code for a refused action. */
async function refusalCode(action: Promise<unknown>): Promise<string> {
  return (await expectRejection(action, HubError)).code;
}

let testHub: TestHub;

beforeAll(async () => {
  await ready();
  testHub = await startTestHub();
});
afterAll(async () => {
  await testHub?.destroy();
});

/** Enrols with `code` through the SDK (start, set up the authenticator, complete). */
async function enrol(code: string, username: string, password: string): Promise<Enrolled> {
  const client = new HubClient({ hubUrl: testHub.url });
  const started = await client.startEnrolment(code);
  expect(started.person.username).toBe(username);
  if (started.totp === null) throw new Error("expected a TOTP to set up");
  const authenticator = new Authenticator(started.totp.secret);
  const result = await client.completeEnrolment({
    started,
    password,
    totpCode: await authenticator.code(),
    deviceName: `${username} laptop`,
  });
  if (result.kind === "totp_reset") throw new Error("expected a device");
  return { ...result, client, password, authenticator, started };
}

async function login(person: Enrolled): Promise<void> {
  const { person: who, password, deviceId, keys } = person;
  const totpCode = await person.authenticator.code();
  await person.client.login({ username: who.username, password, deviceId, keys, totpCode });
}

/** A login meant to be refused at the password step (its TOTP code is never checked). */
function passwordStepOnly(enrolled: Enrolled, password: string): Promise<unknown> {
  const { person, deviceId, keys } = enrolled;
  const client = new HubClient({ hubUrl: testHub.url });
  return client.login({ username: person.username, password, deviceId, keys, totpCode: "000000" });
}

describe("identity through the SDK", { timeout: 90_000 }, () => {
  let admin: Enrolled;
  let coordinator: Enrolled;
  let focalPoint: Enrolled;
  let focalSocket: HubSocket;
  let focalTwoId: string;

  /** The coordinator enrols a focal point of Niger; returns the person and their code. */
  const createNigerFocalPoint = (username: string, displayName: string) =>
    coordinator.client.createPerson({ username, displayName, role: "focal_point", country: "NE" });

  it("enrols the bootstrap administrator with the first-start code, as the network's root device", async () => {
    const code = testHub.hub.bootstrapCode;
    expect(code).toEqual(expect.any(String));
    admin = await enrol(code ?? "", "admin", "river-lantern-Sahel-2031");
    expect(admin.started.kind).toBe("bootstrap");
    const { device, deviceId } = admin;
    expect(device).toMatchObject({ id: deviceId, status: "active", countersignature: null });
    expect(device.registration).toMatchObject(publicDeviceKeys(admin.keys));
  });

  it("refuses to redeem the bootstrap code a second time", async () => {
    const code = testHub.hub.bootstrapCode;
    const again = new HubClient({ hubUrl: testHub.url }).startEnrolment(code ?? "");
    expect(["enrolment_code_used", "enrolment_code_invalid"]).toContain(await refusalCode(again));
  });

  it("logs in with password, TOTP and the device's signature of the hub's challenge", async () => {
    await login(admin);
    expect(admin.client.token).toEqual(expect.any(String));
    const me = await admin.client.me();
    expect(me.person).toMatchObject({ username: "admin", role: "administrator" });
    expect(me.device.id).toBe(admin.deviceId);
    expect(me.session.kind).toBe("bearer");
  });

  it("throws a HubError with the hub's code and status for a wrong password", async () => {
    const attempt = passwordStepOnly(admin, "not-the-password-at-all");
    const error = await expectRejection(attempt, HubError);
    expect(error).toMatchObject({ code: "invalid_credentials", status: 401 });
  });

  it("lets an administrator enrol a national coordinator whose device stays pending until approved", async () => {
    const created = await admin.client.createPerson({
      username: "ne.coordinator",
      displayName: "Coordinator Niger",
      role: "coordinator",
      country: "NE",
    });
    expect(created.enrolment.kind).toBe("person");
    coordinator = await enrol(created.enrolment.code, "ne.coordinator", "Agadez-dune-compass-77");
    expect(coordinator.device.status).toBe("pending");
    // Refused at the password step, before any TOTP code is spent.
    const attempt = passwordStepOnly(coordinator, coordinator.password);
    expect(await refusalCode(attempt)).toBe("device_pending");
  });

  it("countersigns a pending device only after checking its self-signature, chaining it to the approver", async () => {
    const pending = await admin.client.pendingDevices();
    expect(pending.map((device) => device.id)).toContain(coordinator.deviceId);
    const approved = await admin.client.approveDevice(coordinator.deviceId, admin.keys);
    expect(approved).toMatchObject({ status: "active", countersignedBy: admin.deviceId });
    const countersignature = fromBase64Url(approved.countersignature ?? "");
    const signed = statementBytes(approved.registration);
    const context = SignatureContexts.deviceCountersignature;
    const adminKey = admin.keys.signing.publicKey;
    expect(verifyStatement(context, countersignature, signed, adminKey)).toBe(true);
    await login(coordinator);
    expect((await coordinator.client.me()).person).toMatchObject({
      role: "coordinator",
      country: "NE",
    });
  });

  it("lets a coordinator enrol focal points of their own country only", async () => {
    const elsewhere = coordinator.client.createPerson({
      username: "sn.focal",
      displayName: "Focal Senegal",
      role: "focal_point",
      country: "SN",
    });
    expect(await refusalCode(elsewhere)).toBe("forbidden");
    const created = await createNigerFocalPoint("ne.focal", "Focal Niger");
    focalPoint = await enrol(created.enrolment.code, "ne.focal", "Zinder-market-horizon-9");
    expect(focalPoint.device.status).toBe("pending");
    const approved = await coordinator.client.approveDevice(focalPoint.deviceId, coordinator.keys);
    expect(approved).toMatchObject({ status: "active", countersignedBy: coordinator.deviceId });
  });

  it("opens a bearer session for the focal point and a socket that answers session:whoami", async () => {
    await login(focalPoint);
    focalSocket = await focalPoint.client.connectSocket({ reconnection: false });
    const whoami = await request(focalSocket, "session:whoami", {});
    const { person, deviceId } = focalPoint;
    expect(whoami).toEqual({ personId: person.id, deviceId, role: "focal_point", country: "NE" });
  });

  it("rejects a socket without a valid session with a HubError carrying the hub's code", async () => {
    const anonymous = new HubClient({ hubUrl: testHub.url }).connectSocket();
    expect(await expectRejection(anonymous, HubError)).toMatchObject({
      code: "unauthenticated",
      status: null,
    });
    const forged = new HubClient({ hubUrl: testHub.url, token: "not-a-session-token" });
    expect(await refusalCode(forged.connectSocket())).toBe("unauthenticated");
  });

  describe("a pending device whose self-signature does not verify", () => {
    let pending: DeviceView;

    beforeAll(async () => {
      const created = await createNigerFocalPoint("ne.focal.two", "Second Focal Niger");
      focalTwoId = created.person.id;
      const enrolled = await enrol(created.enrolment.code, "ne.focal.two", "Tahoua-well-signal-42");
      pending = enrolled.device;
    });

    it("is refused by the SDK before any countersignature is sent (forged signature)", async () => {
      const context = SignatureContexts.deviceRegistration;
      const bytes = statementBytes(pending.registration);
      const impostorKey = generateDeviceKeys().signing.privateKey;
      const impostorSignature = signStatement(context, bytes, impostorKey);
      const forged = { ...pending, selfSignature: toBase64Url(impostorSignature) };
      const approval = coordinator.client.approveDevice(forged, coordinator.keys);
      expect((await expectRejection(approval, ClientError)).code).toBe("untrusted_device");
    });

    it("is refused by the SDK when the hub substitutes the device's signing key", async () => {
      const substituted = {
        ...pending.registration,
        signingKey: publicDeviceKeys(generateDeviceKeys()).signingKey,
      };
      await testHub.hub.context.database.db.execute(
        sql`update devices set registration = ${JSON.stringify(substituted)} where id = ${pending.id}`,
      );
      const approval = coordinator.client.approveDevice(pending.id, coordinator.keys);
      expect((await expectRejection(approval, ClientError)).code).toBe("untrusted_device");
      const stillPending = await coordinator.client.pendingDevices();
      expect(stillPending.find((device) => device.id === pending.id)?.status).toBe("pending");
    });
  });

  it("shows a coordinator the persons of their country only, and the devices of their focal points", async () => {
    const usernames = (await coordinator.client.listPersons()).map((person) => person.username);
    expect(usernames).toEqual(
      expect.arrayContaining(["ne.coordinator", "ne.focal", "ne.focal.two"]),
    );
    expect(usernames).not.toContain("admin");
    const devices = await coordinator.client.personDevices(focalTwoId);
    expect(devices.map((device) => device.status)).toEqual(["pending"]);
  });

  it("lets a coordinator suspend and reactivate a focal point, and reset their TOTP, but not touch an administrator", async () => {
    expect((await coordinator.client.suspendPerson(focalTwoId)).status).toBe("suspended");
    expect((await coordinator.client.reactivatePerson(focalTwoId)).status).toBe("active");
    expect((await coordinator.client.resetTotp(focalTwoId)).kind).toBe("totp_reset");
    const adminId = (await admin.client.me()).person.id;
    expect(await refusalCode(coordinator.client.suspendPerson(adminId))).toBe("forbidden");
  });

  it("re-issues an enrolment code only for a person who has not enrolled yet", async () => {
    const invited = await createNigerFocalPoint("ne.focal.three", "Third Focal Niger");
    const reissued = await coordinator.client.reissueEnrolmentCode(invited.person.id);
    expect(reissued.kind).toBe("person");
    expect(reissued.code).not.toBe(invited.enrolment.code);
    const enrolled = coordinator.client.reissueEnrolmentCode(focalTwoId);
    expect(await refusalCode(enrolled)).toBe("conflict");
  });

  it("refuses a password change whose current password is wrong", async () => {
    const change = coordinator.client.changePassword({
      currentPassword: "certainly-not-mine",
      newPassword: "Niamey-bridge-lantern-5",
    });
    expect(await refusalCode(change)).toBe("invalid_credentials");
  });

  it("cuts the socket of a device at once when it is revoked", async () => {
    const ended = new Promise((resolve) => focalSocket.once("session:ended", resolve));
    const disconnected = new Promise((resolve) => focalSocket.once("disconnect", resolve));
    const revoked = await coordinator.client.revokeDevice(focalPoint.deviceId);
    expect(revoked.status).toBe("revoked");
    expect(await ended).toMatchObject({ code: "device_revoked" });
    await disconnected;
    const error = await expectRejection(focalPoint.client.me(), HubError);
    expect(["device_revoked", "session_revoked"]).toContain(error.code);
  });

  it("ends the session on logout: the token no longer opens anything", async () => {
    const token = admin.client.token;
    await admin.client.logout();
    expect(admin.client.token).toBeNull();
    const stale = new HubClient({ hubUrl: testHub.url, token });
    const error = await expectRejection(stale.me(), HubError);
    expect(error.status).toBe(401);
  });
});
