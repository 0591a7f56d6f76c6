import { generate } from "otplib";
import type { DeviceKeys } from "#client/core/crypto/index";
import { HubClient } from "#client/core/hubClient";
import type { PersonView, Role } from "#shared/api/identity";
import type { TestClock } from "./clock";
import type { TestHub } from "./hub";

/** An enrolled, approved person with a logged-in SDK client. */
export interface TestMember {
  readonly client: HubClient;
  readonly person: PersonView;
  readonly username: string;
  readonly password: string;
  readonly totpSecret: string;
  readonly deviceId: string;
  readonly keys: DeviceKeys;
  /** A fresh TOTP code: moves the hub clock one 30 s step so no step is reused. */
  totp(): Promise<string>;
  /**
   * Logs in again on the same device, returning a new client; on another hub sharing the
   * database if `hubUrl` is given.
   */
  login(sessionKind?: "bearer" | "cookie", hubUrl?: string): Promise<HubClient>;
}

export const TEST_PASSWORD = "correct horse battery staple";

/** TOTP codes at the hub's clock; each call moves the clock one step. */
export function totpAt(clock: TestClock, secret: string): Promise<string> {
  clock.advance(30_000);
  return generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
}

async function enrol(
  testHub: TestHub,
  clock: TestClock,
  code: string,
  deviceName: string,
): Promise<Omit<TestMember, "login" | "totp" | "client">> {
  const client = new HubClient({ hubUrl: testHub.url, now: clock.now });
  const started = await client.startEnrolment(code);
  const totpSecret = started.totp?.secret;
  if (!totpSecret) throw new Error("no TOTP offered");
  const result = await client.completeEnrolment({
    started,
    password: TEST_PASSWORD,
    totpCode: await totpAt(clock, totpSecret),
    deviceName,
  });
  if (result.kind === "totp_reset") throw new Error("unexpected TOTP reset");
  return {
    person: result.person,
    username: result.person.username,
    password: TEST_PASSWORD,
    totpSecret,
    deviceId: result.deviceId,
    keys: result.keys,
  };
}

function member(
  testHub: TestHub,
  clock: TestClock,
  base: Omit<TestMember, "login" | "totp" | "client">,
  client: HubClient,
): TestMember {
  const self: TestMember = {
    ...base,
    client,
    totp: () => totpAt(clock, base.totpSecret),
    login: async (sessionKind = "bearer", hubUrl = testHub.url) => {
      const fresh = new HubClient({ hubUrl, now: clock.now });
      await fresh.login({
        username: base.username,
        password: base.password,
        totpCode: await self.totp(),
        deviceId: base.deviceId,
        keys: base.keys,
        sessionKind,
      });
      return fresh;
    },
  };
  return self;
}

/** Redeems the hub's bootstrap code: the first administrator, logged in on the root device. */
export async function bootstrapAdministrator(
  testHub: TestHub,
  clock: TestClock,
): Promise<TestMember> {
  const code = testHub.hub.bootstrapCode;
  if (!code) throw new Error("this hub has no bootstrap code");
  const base = await enrol(testHub, clock, code, "admin laptop");
  const partial = member(
    testHub,
    clock,
    base,
    new HubClient({ hubUrl: testHub.url, now: clock.now }),
  );
  return member(testHub, clock, base, await partial.login());
}

/** The authority creates a person, who enrols; the authority approves the device; the person logs in. */
export async function enrolMember(
  testHub: TestHub,
  clock: TestClock,
  authority: TestMember,
  person: { username: string; role: Role; country: string | null; displayName?: string },
): Promise<TestMember> {
  const created = await authority.client.createPerson({
    username: person.username,
    displayName: person.displayName ?? person.username,
    role: person.role,
    country: person.country,
  });
  const base = await enrol(testHub, clock, created.enrolment.code, `${person.username} device`);
  await authority.client.approveDevice(base.deviceId, authority.keys);
  const partial = member(
    testHub,
    clock,
    base,
    new HubClient({ hubUrl: testHub.url, now: clock.now }),
  );
  return member(testHub, clock, base, await partial.login());
}

/** One person of every role: administrator, auditor, two coordinators (NE, SN), focal points of both. */
export interface TestNetwork {
  admin: TestMember;
  auditor: TestMember;
  coordinatorNE: TestMember;
  coordinatorSN: TestMember;
  focalPointNE: TestMember;
  focalPointSN: TestMember;
}

export async function buildNetwork(testHub: TestHub, clock: TestClock): Promise<TestNetwork> {
  const admin = await bootstrapAdministrator(testHub, clock);
  const auditor = await enrolMember(testHub, clock, admin, {
    username: "auditor",
    role: "auditor",
    country: null,
  });
  const coordinatorNE = await enrolMember(testHub, clock, admin, {
    username: "ne.coordinator",
    role: "coordinator",
    country: "NE",
  });
  const coordinatorSN = await enrolMember(testHub, clock, admin, {
    username: "sn.coordinator",
    role: "coordinator",
    country: "SN",
  });
  const focalPointNE = await enrolMember(testHub, clock, coordinatorNE, {
    username: "ne.smuggling.fp",
    role: "focal_point",
    country: "NE",
  });
  const focalPointSN = await enrolMember(testHub, clock, coordinatorSN, {
    username: "sn.trafficking.fp",
    role: "focal_point",
    country: "SN",
  });
  return { admin, auditor, coordinatorNE, coordinatorSN, focalPointNE, focalPointSN };
}
