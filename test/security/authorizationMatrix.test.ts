import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientEventName, clientEvents } from "#shared/events";
import { routes } from "../../server/http/routes/index";
import { createTestClock } from "../support/clock";
import { connectTestSocket, startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestNetwork } from "../support/network";

/**
 * Every REST route and every socket event, against every role. The lists come from the
 * registries the hub is built from, so a new route or event without a row here fails the test.
 */
type Caller = "anonymous" | "administrator" | "coordinator" | "focal_point" | "auditor";
type Outcome = "allow" | "deny";
type Expectation = Record<Caller, Outcome>;

const callers: Caller[] = ["anonymous", "administrator", "coordinator", "focal_point", "auditor"];
const all: Expectation = {
  anonymous: "allow",
  administrator: "allow",
  coordinator: "allow",
  focal_point: "allow",
  auditor: "allow",
};
const signedIn: Expectation = { ...all, anonymous: "deny" };
const authorities: Expectation = { ...signedIn, focal_point: "deny", auditor: "deny" };
const readers: Expectation = { ...signedIn, focal_point: "deny" };
/** Channels: the network's members (non-members of a channel get `not_member` from the command). */
const channelUsers: Expectation = { ...signedIn, auditor: "deny" };

interface Row {
  expect: Expectation;
  body?: (caller: Caller) => unknown;
  /** Runs after every other row (it ends the caller's session). */
  last?: boolean;
}

const uuid = "00000000-0000-4000-8000-000000000000";
const signature = "A".repeat(86);
const code = "C".repeat(32);
/** Schema-valid log signatures: the policy decides before any signature is checked. */
const log = () => ({ at: new Date().toISOString(), signature });

const matrix: Record<string, Row> = {
  "GET /healthz": { expect: all },
  "GET /readyz": { expect: all },
  "GET /metrics": { expect: all },
  "GET /api/v1/hub": { expect: all },
  "GET /api/openapi.json": { expect: all },
  "POST /api/v1/enrolment/start": { expect: all, body: () => ({ code }) },
  "POST /api/v1/enrolment/complete": {
    expect: all,
    body: () => ({ code, password: "irrelevant password", totpCode: "123456" }),
  },
  "POST /api/v1/auth/login": {
    expect: all,
    body: () => ({ username: "nobody.here", password: "irrelevant", deviceId: uuid }),
  },
  "POST /api/v1/auth/totp": { expect: all, body: () => ({ loginId: uuid, totpCode: "123456" }) },
  "POST /api/v1/auth/device": {
    expect: all,
    body: () => ({ loginId: uuid, signature, sessionKind: "bearer" }),
  },
  "POST /api/v1/auth/logout": { expect: signedIn, last: true },
  "GET /api/v1/me": { expect: signedIn },
  "POST /api/v1/me/password": {
    expect: signedIn,
    body: () => ({ currentPassword: "not the current one", newPassword: "a brand new passphrase" }),
  },
  "POST /api/v1/persons": {
    expect: authorities,
    body: (caller) => ({
      personId: randomUUID(),
      log: log(),
      username: `matrix.${caller.replace("_", "-")}.${Math.random().toString(36).slice(2, 8)}`,
      displayName: "Matrix test",
      role: "focal_point",
      country: "NE",
    }),
  },
  "GET /api/v1/persons": { expect: readers },
  "POST /api/v1/persons/:personId/suspend": { expect: authorities, body: () => ({ log: log() }) },
  "POST /api/v1/persons/:personId/reactivate": {
    expect: authorities,
    body: () => ({ log: log() }),
  },
  "POST /api/v1/persons/:personId/totp-reset": { expect: authorities },
  "POST /api/v1/persons/:personId/enrolment-code": { expect: authorities },
  "POST /api/v1/persons/:personId/device-code": { expect: authorities },
  "GET /api/v1/persons/:personId/devices": { expect: readers },
  "GET /api/v1/devices": { expect: signedIn },
  "GET /api/v1/devices/pending": { expect: signedIn },
  "POST /api/v1/devices/enrolment-code": { expect: signedIn },
  "POST /api/v1/devices/:deviceId/approve": {
    expect: signedIn,
    body: () => ({ countersignature: signature, log: log() }),
  },
  "POST /api/v1/devices/:deviceId/revoke": { expect: signedIn, body: () => ({ log: log() }) },
  "GET /.well-known/relais-log-key": { expect: all },
  "GET /api/v1/log/head": { expect: signedIn },
  "GET /api/v1/log/leaves": { expect: signedIn },
  "GET /api/v1/log/inclusion": { expect: signedIn },
  "GET /api/v1/log/consistency": { expect: signedIn },
  "GET /api/v1/register/countries": { expect: signedIn },
  "GET /api/v1/register/organisations": { expect: signedIn },
  "POST /api/v1/register/organisations": {
    expect: authorities,
    body: (caller) => ({
      country: "NE",
      name: `Matrix ${caller} ${Math.random().toString(36).slice(2, 8)}`,
      kind: "ngo",
    }),
  },
  "POST /api/v1/register/organisations/:organisationId/update": {
    expect: authorities,
    body: () => ({ name: "Matrix renamed" }),
  },
  "GET /api/v1/register/posts": { expect: signedIn },
  "POST /api/v1/register/posts": {
    expect: authorities,
    body: () => ({
      postId: uuid,
      organisationId: uuid,
      country: "NE",
      title: "Matrix post",
      thematicAreas: ["liaison"],
      workingLanguages: ["fr"],
      contactChannels: [],
      timeZone: "UTC",
      deputyPostId: null,
      log: log(),
    }),
  },
  "GET /api/v1/register/posts/:postId": { expect: signedIn },
  "POST /api/v1/register/posts/:postId/update": {
    expect: authorities,
    body: () => ({ title: "Matrix post", log: log() }),
  },
  "POST /api/v1/register/posts/:postId/confirm": { expect: { ...signedIn, auditor: "deny" } },
  "GET /api/v1/register/posts/:postId/history": { expect: signedIn },
  "GET /api/v1/register/posts/:postId/holders": { expect: signedIn },
  "POST /api/v1/register/posts/:postId/assignments": {
    expect: authorities,
    body: () => ({
      assignmentId: uuid,
      personId: uuid,
      role: "holder",
      startsAt: new Date().toISOString(),
      reason: "Matrix",
      log: log(),
    }),
  },
  "POST /api/v1/register/assignments/:assignmentId/end": {
    expect: authorities,
    body: () => ({
      postId: uuid,
      personId: uuid,
      endsAt: new Date().toISOString(),
      reason: "Matrix",
      log: log(),
    }),
  },
  "POST /api/v1/register/posts/:postId/handovers": {
    expect: authorities,
    body: () => ({
      handoverId: uuid,
      predecessorAssignmentId: null,
      predecessorPersonId: null,
      successorPersonId: uuid,
      reason: "Matrix",
      log: log(),
    }),
  },
  "GET /api/v1/register/handovers/:handoverId": { expect: signedIn },
  "POST /api/v1/register/handovers/:handoverId/successor-enrolled": {
    expect: authorities,
    body: () => ({ postId: uuid, successorPersonId: uuid, log: log() }),
  },
  "POST /api/v1/register/handovers/:handoverId/keys-handed-over": {
    expect: authorities,
    body: () => ({ postId: uuid, successorPersonId: uuid, log: log() }),
  },
  "POST /api/v1/register/handovers/:handoverId/complete": {
    expect: authorities,
    body: () => ({
      postId: uuid,
      predecessorAssignmentId: null,
      predecessorPersonId: null,
      successorPersonId: uuid,
      assignmentId: uuid,
      log: log(),
    }),
  },
  "POST /api/v1/register/handovers/:handoverId/cancel": {
    expect: authorities,
    body: () => ({ postId: uuid, successorPersonId: uuid, note: "Matrix", log: log() }),
  },
  "GET /api/v1/register/export/csv": { expect: signedIn },
  "GET /api/v1/register/export/vcard": { expect: signedIn },
  "GET /api/v1/register/export/json": { expect: signedIn },
  "POST /api/v1/register/import/plan": {
    expect: authorities,
    body: () => ({ importId: uuid, csv: "country\n", at: new Date().toISOString() }),
  },
  "POST /api/v1/register/import": {
    expect: authorities,
    body: () => ({
      importId: uuid,
      csv: "country\n",
      at: new Date().toISOString(),
      logSignatures: [],
    }),
  },
  "GET /api/v1/register/persons": { expect: readers },
  "GET /api/v1/reminders": { expect: signedIn },
  "GET /api/v1/channels": { expect: channelUsers },
  "POST /api/v1/channels": {
    expect: channelUsers,
    body: () => ({
      channelId: uuid,
      name: "Matrix",
      ownerPostId: uuid,
      historyPolicy: "institutional",
      log: log(),
    }),
  },
  "GET /api/v1/channels/:channelId": { expect: channelUsers },
  "POST /api/v1/channels/:channelId/members": {
    expect: channelUsers,
    body: () => ({ postId: uuid, log: log() }),
  },
  "DELETE /api/v1/channels/:channelId/members/:postId": {
    expect: channelUsers,
    body: () => ({ log: log() }),
  },
  "GET /api/v1/channels/:channelId/epochs": { expect: channelUsers },
  "POST /api/v1/channels/:channelId/epochs": {
    expect: channelUsers,
    body: () => ({
      statement: {
        v: 1,
        type: "channel-epoch",
        channelId: uuid,
        epoch: 1,
        treeSize: 1,
        senderDeviceId: uuid,
        recipients: [{ deviceId: uuid, wrap: "W".repeat(96) }],
        previousKey: null,
        createdAt: new Date().toISOString(),
      },
      signature,
    }),
  },
  "POST /api/v1/channels/:channelId/attachments": { expect: channelUsers },
  "GET /api/v1/channels/:channelId/attachments/:attachmentId": { expect: channelUsers },
  "POST /api/v1/channels/:channelId/uploads": { expect: channelUsers, body: () => ({ size: 1 }) },
  "PUT /api/v1/channels/:channelId/uploads/:uploadId/parts/:index": { expect: channelUsers },
  "POST /api/v1/channels/:channelId/uploads/:uploadId/complete": { expect: channelUsers },
  "DELETE /api/v1/channels/:channelId/uploads/:uploadId": { expect: channelUsers },
  "GET /api/v1/alerts": { expect: channelUsers },
  "POST /api/v1/alerts": {
    expect: channelUsers,
    body: () => ({
      alertId: uuid,
      issuerPostId: uuid,
      channelId: uuid,
      recipientPostIds: [uuid],
      addressing: { posts: [uuid] },
      tlp: "AMBER",
      handling: "H1",
      urgent: false,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      log: log(),
    }),
  },
  "GET /api/v1/alerts/:alertId": { expect: channelUsers },
  "POST /api/v1/alerts/:alertId/versions": {
    expect: channelUsers,
    body: () => ({
      version: 2,
      tlp: "AMBER",
      handling: "H1",
      urgent: false,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      log: log(),
    }),
  },
  "POST /api/v1/alerts/:alertId/acknowledgements": {
    expect: channelUsers,
    body: () => ({ postId: uuid, version: 1, log: log() }),
  },
  "POST /api/v1/alerts/:alertId/withdrawal": { expect: channelUsers, body: () => ({ log: log() }) },
  "POST /api/v1/alerts/:alertId/follow-ups": {
    expect: channelUsers,
    body: () => ({
      v: 1,
      followUpId: uuid,
      alertId: uuid,
      alertVersion: 1,
      authorPostId: uuid,
      kind: "follow_up",
      createdAt: new Date().toISOString(),
    }),
  },
  "POST /api/v1/alerts/:alertId/permission-requests": {
    expect: channelUsers,
    body: () => ({
      requestId: uuid,
      alertVersion: 1,
      purpose: "forwarding",
      requestingPostId: uuid,
      targetPostIds: [uuid],
      justification: "Matrix",
      log: log(),
    }),
  },
  "POST /api/v1/alerts/:alertId/permission-requests/:requestId/decisions": {
    expect: channelUsers,
    body: () => ({ decision: "granted", log: log() }),
  },
  "POST /api/v1/alerts/:alertId/forwards": {
    expect: channelUsers,
    body: () => ({
      version: 1,
      fromPostId: uuid,
      toPostIds: [uuid],
      channelId: uuid,
      log: log(),
    }),
  },
  "GET /api/v1/alert-reminders": { expect: channelUsers },
  "GET /api/v1/alert-lists": { expect: channelUsers },
  "POST /api/v1/alert-lists": {
    expect: channelUsers,
    body: () => ({ listId: uuid, name: "Matrix", ownerPostId: uuid, postIds: [uuid] }),
  },
  "GET /api/v1/mla": { expect: channelUsers },
  "POST /api/v1/mla": {
    expect: channelUsers,
    body: () => ({
      requestId: uuid,
      requestingPostId: uuid,
      requestedPostId: uuid,
      requestingCountry: "NE",
      requestedCountry: "SN",
      urgency: "routine",
      deadline: null,
      alertIds: [],
      channelId: uuid,
      log: log(),
    }),
  },
  "GET /api/v1/mla/:requestId": { expect: channelUsers },
  "POST /api/v1/mla/:requestId/transitions": {
    expect: channelUsers,
    body: () => ({ action: "acknowledge", side: "requested", from: "sent", log: log() }),
  },
  "GET /api/v1/mla-reminders": { expect: channelUsers },
};

const eventMatrix: Record<ClientEventName, { expect: Expectation; payload: unknown }> = {
  "system:ping": { expect: signedIn, payload: { nonce: "matrix" } },
  "session:whoami": { expect: signedIn, payload: {} },
  "channel:send": {
    expect: channelUsers,
    payload: {
      envelope: {
        v: 1,
        channelId: uuid,
        epoch: 1,
        senderDeviceId: uuid,
        senderSeq: 1,
        prevHash: null,
        clientMessageId: uuid,
        nonce: "N".repeat(32),
        ciphertext: "C".repeat(64),
        signature,
      },
    },
  },
  "channel:sync": { expect: channelUsers, payload: { channelId: uuid } },
  "channel:ack": { expect: channelUsers, payload: { channelId: uuid, seq: 1 } },
};

const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let targetPersonId: string;

/** Sessions of their own for the matrix, whose last row logs them out. */
const matrixTokens = new Map<Caller, string>();
function tokenOf(caller: Caller): string | undefined {
  return matrixTokens.get(caller);
}

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  const target = await network.coordinatorNE.client.createPerson({
    username: "matrix.target",
    displayName: "Target",
    role: "focal_point",
    country: "NE",
  });
  targetPersonId = target.person.id;
  const members = {
    administrator: network.admin,
    coordinator: network.coordinatorNE,
    focal_point: network.focalPointNE,
    auditor: network.auditor,
  } as const;
  for (const [caller, member] of Object.entries(members)) {
    matrixTokens.set(caller as Caller, (await member.login()).token ?? "");
  }
}, 120_000);
afterAll(async () => {
  await testHub?.destroy();
});

async function call(
  key: string,
  row: Row,
  caller: Caller,
): Promise<{ status: number; code?: string }> {
  const [method, template] = key.split(" ") as [string, string];
  const path = template
    .replace(":personId", targetPersonId)
    .replace(":deviceId", randomUUID())
    .replace(":channelId", randomUUID())
    .replace(":postId", randomUUID())
    .replace(":attachmentId", randomUUID())
    .replace(":uploadId", randomUUID())
    .replace(":index", "0")
    .replace(":alertId", randomUUID())
    .replace(":requestId", randomUUID());
  const token = tokenOf(caller);
  const body = row.body?.(caller);
  const response = await fetch(`${testHub.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const isJson = response.headers.get("content-type")?.includes("json") ?? false;
  const code = isJson && text ? (JSON.parse(text) as { code?: string }).code : undefined;
  return { status: response.status, code };
}

describe("authorization matrix", () => {
  it("has a row for every REST route and every socket event", () => {
    const registered = routes.map((route) => `${route.method.toUpperCase()} ${route.path}`).sort();
    expect(Object.keys(matrix).sort()).toEqual(registered);
    expect(Object.keys(eventMatrix).sort()).toEqual(Object.keys(clientEvents).sort());
  });

  it("allows and denies every route for every role with the expected code", async () => {
    const ordered = Object.entries(matrix).sort(
      ([, a], [, b]) => Number(a.last ?? false) - Number(b.last ?? false),
    );
    const failures: string[] = [];
    for (const [key, row] of ordered) {
      for (const caller of callers) {
        const { status, code } = await call(key, row, caller);
        const denied = code === "unauthenticated" || code === "forbidden";
        const expectedCode = caller === "anonymous" ? "unauthenticated" : "forbidden";
        if (row.expect[caller] === "allow" && denied) {
          failures.push(`${key} as ${caller}: denied (${status} ${code})`);
        }
        if (row.expect[caller] === "deny" && code !== expectedCode) {
          failures.push(`${key} as ${caller}: got ${status} ${code}, expected ${expectedCode}`);
        }
        if (status >= 500) failures.push(`${key} as ${caller}: ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("socket authorization", () => {
  it("answers every event for every signed-in role and refuses anonymous handshakes", async () => {
    const members = {
      administrator: await network.admin.login(),
      coordinator: await network.coordinatorNE.login(),
      focal_point: await network.focalPointNE.login(),
      auditor: await network.auditor.login(),
    };
    const emit = (
      socket: Awaited<ReturnType<typeof connectTestSocket>>,
      event: string,
      payload: unknown,
    ) =>
      (
        socket.emitWithAck as (
          event: string,
          payload: unknown,
        ) => Promise<{ ok: boolean; error?: { code: string } }>
      )(event, payload);
    for (const caller of callers) {
      for (const event of Object.keys(eventMatrix) as ClientEventName[]) {
        const row = eventMatrix[event];
        if (caller === "anonymous") {
          const refused = await connectTestSocket(testHub.url).then(
            () => "connected",
            (error: Error) => error.message,
          );
          expect(refused, `${event} as anonymous`).toBe("unauthenticated");
          continue;
        }
        const socket = await connectTestSocket(testHub.url, {
          auth: { token: members[caller].token ?? "" },
        });
        const ack = await emit(socket, event, row.payload);
        socket.close();
        // Allowed: the policy let it through (a channel event may still fail on its data).
        if (row.expect[caller] === "allow") {
          expect(ack.error?.code ?? "ok", `${event} as ${caller}`).not.toMatch(
            /^(forbidden|unauthenticated|validation_failed)$/,
          );
        } else expect(ack.error?.code, `${event} as ${caller}`).toBe("forbidden");
      }
    }
  });
});

describe("a coordinator's authority ends at their country", () => {
  it("cannot enrol a focal point of another country", async () => {
    await expect(
      network.coordinatorNE.client.createPerson({
        username: "sn.intruder",
        displayName: "x",
        role: "focal_point",
        country: "SN",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("cannot enrol a coordinator, even of their own country", async () => {
    await expect(
      network.coordinatorNE.client.createPerson({
        username: "ne.second.coord",
        displayName: "x",
        role: "coordinator",
        country: "NE",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("cannot suspend, reset or list the devices of another country's focal point", async () => {
    const target = network.focalPointSN.person.id;
    await expect(network.coordinatorNE.client.suspendPerson(target)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(network.coordinatorNE.client.resetTotp(target)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(network.coordinatorNE.client.personDevices(target)).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("cannot revoke another country's device", async () => {
    await expect(
      network.coordinatorNE.client.revokeDevice(network.focalPointSN.deviceId),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("sees only the people of their own country", async () => {
    const persons = await network.coordinatorNE.client.listPersons();
    expect(persons.length).toBeGreaterThan(0);
    expect(persons.every((person) => person.country === "NE")).toBe(true);
  });

  it("does not let a focal point revoke a colleague's device", async () => {
    await expect(
      network.focalPointNE.client.revokeDevice(network.focalPointSN.deviceId),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
