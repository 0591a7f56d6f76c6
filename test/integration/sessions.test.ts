import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HubClient } from "#client/core/hubClient";
import { createTestClock } from "../support/clock";
import { connectTestSocket, startTestHub, type TestHub, type TestSocket } from "../support/hub";
import { buildNetwork, enrolMember, type TestNetwork, totpAt } from "../support/network";

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

/** Resolves with the milliseconds until the hub cuts the socket. */
function timeToDisconnect(socket: TestSocket): { ended: Promise<string>; cut: Promise<number> } {
  const started = Date.now();
  return {
    ended: new Promise((resolve) => socket.once("session:ended", (body) => resolve(body.code))),
    cut: new Promise((resolve) => socket.once("disconnect", () => resolve(Date.now() - started))),
  };
}

describe("browser sessions", () => {
  it("use an httpOnly, SameSite=Strict cookie accepted on REST and on the socket handshake", async () => {
    const member = network.focalPointNE;
    const started = await (
      await fetch(`${testHub.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          username: member.username,
          password: member.password,
          deviceId: member.deviceId,
        }),
      })
    ).json();
    const challenge = await (
      await fetch(`${testHub.url}/api/v1/auth/totp`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ loginId: started.loginId, totpCode: await member.totp() }),
      })
    ).json();
    const { signLoginChallenge } = await import("#client/core/deviceStatements");
    const { sodiumDeviceCrypto } = await import("#client/core/crypto/index");
    await sodiumDeviceCrypto.ready();
    const signature = signLoginChallenge(sodiumDeviceCrypto, member.keys, {
      loginId: started.loginId,
      deviceId: member.deviceId,
      challenge: challenge.challenge,
      hubInstanceId: challenge.hubInstanceId,
    });
    const done = await fetch(`${testHub.url}/api/v1/auth/device`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ loginId: started.loginId, signature, sessionKind: "cookie" }),
    });
    expect(done.status).toBe(200);
    expect((await done.json()).token).toBeNull();
    const setCookie = done.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^relais_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).not.toContain("Secure"); // plain HTTP here; Secure under TLS
    const cookie = setCookie.split(";")[0] ?? "";
    const me = await fetch(`${testHub.url}/api/v1/me`, { headers: { cookie } });
    expect((await me.json()).session.kind).toBe("cookie");
    const socket = await connectTestSocket(testHub.url, { extraHeaders: { cookie } });
    const whoami = await socket.emitWithAck("session:whoami", {});
    expect(whoami).toMatchObject({ ok: true, data: { deviceId: member.deviceId } });
    socket.close();
  });
});

describe("revocation", () => {
  it("cuts a revoked device's sockets within a second and refuses its session and its logins", async () => {
    const member = await enrolMember(testHub, clock, network.coordinatorNE, {
      username: "ne.revoked.fp",
      role: "focal_point",
      country: "NE",
    });
    const socket = await connectTestSocket(testHub.url, {
      auth: { token: member.client.token ?? "" },
    });
    const watch = timeToDisconnect(socket);
    await network.coordinatorNE.client.revokeDevice(member.deviceId);
    expect(await watch.ended).toBe("device_revoked");
    expect(await watch.cut).toBeLessThan(1000);
    await expect(member.client.me()).rejects.toMatchObject({ code: "device_revoked" });
    await expect(member.login()).rejects.toMatchObject({ code: "device_revoked" });
    const refused = await connectTestSocket(testHub.url, {
      auth: { token: member.client.token ?? "" },
    }).then(
      () => "connected",
      (error: Error) => error.message,
    );
    expect(refused).toBe("device_revoked");
  });

  it("suspends a person: every session and socket ends at once; reactivation lets them back in", async () => {
    const member = await enrolMember(testHub, clock, network.coordinatorSN, {
      username: "sn.suspended.fp",
      role: "focal_point",
      country: "SN",
    });
    const second = await member.login();
    const sockets = await Promise.all(
      [member.client, second].map((client) =>
        connectTestSocket(testHub.url, { auth: { token: client.token ?? "" } }),
      ),
    );
    const watches = sockets.map(timeToDisconnect);
    await network.coordinatorSN.client.suspendPerson(member.person.id);
    for (const watch of watches) {
      expect(await watch.ended).toBe("person_suspended");
      expect(await watch.cut).toBeLessThan(1000);
    }
    await expect(second.me()).rejects.toMatchObject({ code: "person_suspended" });
    await expect(member.login()).rejects.toMatchObject({ code: "person_suspended" });
    await network.coordinatorSN.client.reactivatePerson(member.person.id);
    const back = await member.login();
    expect((await back.me()).person.status).toBe("active");
  });

  it("ends the other sessions when the password changes, and logout ends this one", async () => {
    const member = await enrolMember(testHub, clock, network.admin, {
      username: "password.changer",
      role: "auditor",
      country: null,
    });
    const other = await member.login();
    await member.client.changePassword({
      currentPassword: member.password,
      newPassword: "a completely new passphrase",
    });
    await expect(other.me()).rejects.toMatchObject({ code: "session_revoked" });
    expect((await member.client.me()).person.username).toBe("password.changer");
    await expect(
      member.client.changePassword({
        currentPassword: "wrong current one",
        newPassword: "yet another passphrase",
      }),
    ).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(
      member.client.changePassword({
        currentPassword: "a completely new passphrase",
        newPassword: "short",
      }),
    ).rejects.toMatchObject({ code: "weak_password" });
    await member.client.logout();
    const stale = new HubClient({ hubUrl: testHub.url, token: other.token });
    await expect(stale.me()).rejects.toMatchObject({ code: "session_revoked" });
  });

  it("keeps sessions across a hub restart", async () => {
    const token = network.auditor.client.token;
    const restarted = await testHub.restart();
    testHub = restarted;
    const client = new HubClient({ hubUrl: restarted.url, token });
    expect((await client.me()).person.username).toBe("auditor");
  });

  it("refuses an expired session with session_expired", async () => {
    const client = await network.auditor.login();
    clock.advance(61 * 60_000);
    await expect(client.me()).rejects.toMatchObject({ code: "session_expired" });
  });

  it("cuts a socket once its session has ended, telling it session_expired", async () => {
    const client = await network.auditor.login();
    const socket = await connectTestSocket(testHub.url, { auth: { token: client.token ?? "" } });
    const watch = timeToDisconnect(socket);
    clock.advance(30 * 60_000);
    const later = await network.auditor.login();
    const other = await connectTestSocket(testHub.url, { auth: { token: later.token ?? "" } });
    try {
      // Half the session's life: still connected after a sweep.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(socket.connected).toBe(true);
      clock.advance(31 * 60_000);
      expect(await watch.ended).toBe("session_expired");
      expect(await watch.cut).toBeLessThan(5_000);
      // The session opened later is still alive, and its socket with it.
      expect(other.connected).toBe(true);
    } finally {
      socket.close();
      other.close();
    }
  });
});

describe("devices and TOTP", () => {
  it("adds a second device approved from the person's first device", async () => {
    const member = network.focalPointNE;
    const fresh = await member.login();
    const issued = await fresh.issueDeviceCode();
    const newDevice = new HubClient({ hubUrl: testHub.url });
    const started = await newDevice.startEnrolment(issued.code);
    expect(started.totp).toBeNull();
    const added = await newDevice.completeEnrolment({
      started,
      password: member.password,
      totpCode: await member.totp(),
      deviceName: "office desktop",
    });
    if (added.kind === "totp_reset") throw new Error("unexpected kind");
    expect(added.device.status).toBe("pending");
    await expect(
      newDevice.login({
        username: member.username,
        password: member.password,
        totpCode: await member.totp(),
        deviceId: added.deviceId,
        keys: added.keys,
      }),
    ).rejects.toMatchObject({ code: "device_pending" });
    const approved = await fresh.approveDevice(added.deviceId, member.keys);
    expect(approved).toMatchObject({ status: "active", countersignedBy: member.deviceId });
    await newDevice.login({
      username: member.username,
      password: member.password,
      totpCode: await member.totp(),
      deviceId: added.deviceId,
      keys: added.keys,
    });
    expect((await newDevice.me()).device.name).toBe("office desktop");
    expect((await fresh.listDevices()).map((device) => device.status)).toEqual([
      "active",
      "active",
    ]);
  });

  it("replaces a lost device: the coordinator issues a device code and approves the new device", async () => {
    const coordinator = await network.coordinatorNE.login();
    const authority = { ...network.coordinatorNE, client: coordinator };
    const member = await enrolMember(testHub, clock, authority, {
      username: "ne.lost.device",
      role: "focal_point",
      country: "NE",
    });
    await coordinator.revokeDevice(member.deviceId);
    const issued = await coordinator.issueDeviceCodeFor(member.person.id);
    const replacement = new HubClient({ hubUrl: testHub.url, now: clock.now });
    const started = await replacement.startEnrolment(issued.code);
    const added = await replacement.completeEnrolment({
      started,
      password: member.password,
      totpCode: await member.totp(),
      deviceName: "replacement phone",
    });
    if (added.kind === "totp_reset") throw new Error("unexpected kind");
    await coordinator.approveDevice(added.deviceId, network.coordinatorNE.keys);
    await replacement.login({
      username: member.username,
      password: member.password,
      totpCode: await member.totp(),
      deviceId: added.deviceId,
      keys: added.keys,
    });
    expect((await replacement.me()).device).toMatchObject({
      name: "replacement phone",
      status: "active",
    });
  });

  it("refuses a device smuggled into a TOTP reset", async () => {
    const member = network.focalPointNE;
    const coordinator = await network.coordinatorNE.login();
    const reset = await coordinator.resetTotp(member.person.id);
    const response = await fetch(`${testHub.url}/api/v1/enrolment/start`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: reset.code }),
    });
    const { totp } = await response.json();
    const registration = {
      v: 1,
      type: "device-registration",
      personId: member.person.id,
      deviceId: "11111111-1111-4111-8111-111111111111",
      deviceName: "forged",
      signingKey: "A".repeat(43),
      encryptionKey: "A".repeat(43),
      createdAt: clock.now().toISOString(),
    };
    const complete = await fetch(`${testHub.url}/api/v1/enrolment/complete`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        code: reset.code,
        password: member.password,
        totpCode: await totpAt(clock, totp.secret),
        device: { registration, selfSignature: "A".repeat(86) },
      }),
    });
    expect(complete.status).toBe(400);
    expect((await complete.json()).issues).toEqual([
      { path: "body.device", message: "not allowed with a TOTP reset code" },
    ]);
  });

  it("resets a TOTP through a coordinator's single-use code", async () => {
    const member = network.focalPointSN;
    const coordinator = await network.coordinatorSN.login();
    const reset = await coordinator.resetTotp(member.person.id);
    const client = new HubClient({ hubUrl: testHub.url });
    const started = await client.startEnrolment(reset.code);
    expect(started.kind).toBe("totp_reset");
    const secret = started.totp?.secret ?? "";
    await client.completeEnrolment({
      started,
      password: member.password,
      totpCode: await totpAt(clock, secret),
      deviceName: "unused",
    });
    await expect(member.login()).rejects.toMatchObject({ code: "invalid_totp" });
    const relogged = new HubClient({ hubUrl: testHub.url });
    await relogged.login({
      username: member.username,
      password: member.password,
      totpCode: await totpAt(clock, secret),
      deviceId: member.deviceId,
      keys: member.keys,
    });
    expect((await relogged.me()).person.id).toBe(member.person.id);
  });
});
