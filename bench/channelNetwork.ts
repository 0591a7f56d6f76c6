import { generate } from "otplib";
import type { DeviceKeys } from "#client/core/crypto/index";
import { HubClient } from "#client/core/hubClient";
import type { BenchChild } from "./benchChild";

/** The password of every bench person (the hub hashes it with Argon2id all the same). */
const PASSWORD = "correct horse battery staple";

/**
 * The hub's clock as the benchmark sees it: the bench hub's clock runs `offset` ahead of real
 * time, and moving it forward (so that no TOTP step is used twice) moves both.
 */
export interface BenchClock {
  now(): Date;
  advance(ms: number): Promise<void>;
}

function benchClock(hub: BenchChild): BenchClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    async advance(ms) {
      offset += ms;
      await hub.call({ kind: "advance", ms });
    },
  };
}

/** An enrolled, approved device; `client` is its logged-in SDK client, if it logged in. */
export interface BenchDevice {
  readonly deviceId: string;
  readonly keys: DeviceKeys;
  readonly client: HubClient | null;
}

/** A person of the bench network and their devices; the first one is always logged in. */
export interface BenchPerson {
  readonly personId: string;
  readonly username: string;
  readonly totpSecret: string;
  readonly devices: BenchDevice[];
}

/** The logged-in client of a device; throws if the device has no session. */
export function loggedIn(device: BenchDevice): HubClient {
  if (device.client === null) throw new Error(`device ${device.deviceId} is not logged in`);
  return device.client;
}

/** Where and when: the hub's address and clock, which every enrolment and login needs. */
interface HubAccess {
  readonly hubUrl: string;
  readonly clock: BenchClock;
}

/** An SDK client of the hub whose signed statements carry the hub's time. */
function sdkClient(access: HubAccess): HubClient {
  return new HubClient({ hubUrl: access.hubUrl, now: access.clock.now });
}

/** A TOTP code at a step never used before: moves the clock one 30 s step first. */
async function totp(access: HubAccess, secret: string): Promise<string> {
  await access.clock.advance(30_000);
  return generate({ secret, epoch: Math.floor(access.clock.now().getTime() / 1000) });
}

/** Logs `device` in: a new session, with its own bearer token. */
async function login(
  access: HubAccess,
  person: Omit<BenchPerson, "devices">,
  device: BenchDevice,
): Promise<BenchDevice> {
  const client = sdkClient(access);
  await client.login({
    username: person.username,
    password: PASSWORD,
    totpCode: await totp(access, person.totpSecret),
    deviceId: device.deviceId,
    keys: device.keys,
  });
  return { ...device, client };
}

/** Redeems a bootstrap or person code; the device still awaits approval unless bootstrap. */
async function enrolPerson(access: HubAccess, code: string, username: string) {
  const client = sdkClient(access);
  const started = await client.startEnrolment(code);
  const totpSecret = started.totp?.secret;
  if (!totpSecret) throw new Error("no TOTP offered");
  const result = await client.completeEnrolment({
    started,
    password: PASSWORD,
    totpCode: await totp(access, totpSecret),
    deviceName: `${username} device 1`,
  });
  if (result.kind === "totp_reset") throw new Error("unexpected TOTP reset");
  const person = { personId: result.person.id, username: result.person.username, totpSecret };
  const device: BenchDevice = { deviceId: result.deviceId, keys: result.keys, client: null };
  return { person, device };
}

/**
 * The persons and devices of a bench hub: enrolment codes, TOTP and logins, each costing the
 * hub an Argon2id verification, as in production.
 */
export class BenchNetwork implements HubAccess {
  private constructor(
    readonly hubUrl: string,
    readonly clock: BenchClock,
    /** The first administrator, logged in on the network root device. */
    readonly admin: BenchPerson,
  ) {}

  /** Redeems the fresh hub's bootstrap code: the administrator, logged in on the root device. */
  static async bootstrap(hub: BenchChild): Promise<BenchNetwork> {
    if (hub.bootstrapCode === null) throw new Error("the bench hub is not fresh");
    const access: HubAccess = { hubUrl: hub.url, clock: benchClock(hub) };
    const { person, device } = await enrolPerson(access, hub.bootstrapCode, "admin");
    const admin = { ...person, devices: [await login(access, person, device)] };
    return new BenchNetwork(access.hubUrl, access.clock, admin);
  }

  /** A new focal point of Niger, created and approved by the administrator, logged in. */
  async createFocalPoint(username: string): Promise<BenchPerson> {
    const authority = firstDevice(this.admin);
    const created = await loggedIn(authority).createPerson({
      username,
      displayName: username,
      role: "focal_point",
      country: "NE",
    });
    const { person, device } = await enrolPerson(this, created.enrolment.code, username);
    await loggedIn(authority).approveDevice(device.deviceId, authority.keys);
    return { ...person, devices: [await login(this, person, device)] };
  }

  /**
   * Enrols one more device of `person` with a device code, approved from their first device;
   * logs it in when `withSession`.
   */
  async addDevice(person: BenchPerson, withSession: boolean): Promise<BenchDevice> {
    const first = firstDevice(person);
    const owner = loggedIn(first);
    const code = await owner.issueDeviceCode();
    const client = sdkClient(this);
    const started = await client.startEnrolment(code.code);
    const result = await client.completeEnrolment({
      started,
      password: PASSWORD,
      totpCode: await totp(this, person.totpSecret),
      deviceName: `${person.username} device ${person.devices.length + 1}`,
    });
    if (result.kind === "totp_reset") throw new Error("unexpected TOTP reset");
    await owner.approveDevice(result.deviceId, first.keys);
    const enrolled: BenchDevice = { deviceId: result.deviceId, keys: result.keys, client: null };
    const device = withSession ? await login(this, person, enrolled) : enrolled;
    person.devices.push(device);
    return device;
  }
}

export function firstDevice(person: BenchPerson): BenchDevice {
  const device = person.devices[0];
  if (device === undefined) throw new Error(`${person.username} has no device`);
  return device;
}

/** Posts of Niger, one per holder, each assigned by the administrator. */
export async function createHeldPosts(
  network: BenchNetwork,
  holders: readonly BenchPerson[],
): Promise<string[]> {
  const admin = firstDevice(network.admin);
  const register = loggedIn(admin).register;
  const organisation = await register.createOrganisation({
    country: "NE",
    name: "Police nationale, Direction de la surveillance du territoire",
    kind: "police",
  });
  const postIds: string[] = [];
  for (const [index, holder] of holders.entries()) {
    const post = await register.createPost(
      {
        organisationId: organisation.id,
        country: "NE",
        title: `Niger, smuggling focal point ${index + 1}`,
        thematicAreas: ["smuggling_of_migrants"],
        workingLanguages: ["fr"],
        contactChannels: [{ kind: "phone", value: `+2272072${String(index).padStart(4, "0")}` }],
        timeZone: "Africa/Niamey",
      },
      admin.keys,
      { at: network.clock.now() },
    );
    await register.assign(
      post.id,
      { personId: holder.personId, role: "holder", reason: "Benchmark" },
      admin.keys,
      { at: network.clock.now() },
    );
    postIds.push(post.id);
  }
  return postIds;
}
