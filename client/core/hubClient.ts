import {
  createPersonResponseSchema,
  type DeviceView,
  deviceListResponseSchema,
  deviceResponseSchema,
  enrolmentCompleteResponseSchema,
  enrolmentStartResponseSchema,
  issuedCodeResponseSchema,
  loginDeviceResponseSchema,
  loginPasswordResponseSchema,
  loginTotpResponseSchema,
  meResponseSchema,
  type PersonView,
  personListResponseSchema,
  personResponseSchema,
} from "#shared/api/identity";
import type { LogEntry } from "#shared/log/entries";
import {
  deviceEnrolledEntry,
  deviceRevokedEntry,
  personReactivatedEntry,
  personSuspendedEntry,
  roleGrantedEntry,
} from "#shared/log/identityEntries";
import { ChannelClient } from "./channels/channelClient.ts";
import type { ChannelStateStore } from "./channels/channelState.ts";
import { type DeviceCrypto, type DeviceKeys, sodiumDeviceCrypto } from "./crypto/index.ts";
import {
  assertSelfSigned,
  countersignRegistration,
  signLogEntry,
  signLoginChallenge,
  signRegistration,
} from "./deviceStatements.ts";
import { ClientError } from "./errors.ts";
import { HubHttp } from "./hubHttp.ts";
import { connectHubSocket, type HubSocket } from "./hubSocket.ts";
import type {
  CompleteEnrolmentInput,
  CreatedPerson,
  CreatePersonInput,
  EnrolmentResult,
  IssuedCode,
  LoginInput,
  LoginResult,
  Me,
  StartedEnrolment,
} from "./identityTypes.ts";
import type { LogVerifier } from "./log/logVerifier.ts";
import { RegisterClient } from "./registerClient.ts";

// The method inputs and results, under the names consumers import from here.
export type * from "./identityTypes.ts";

/** Options of the {@link HubClient} constructor. */
export interface HubClientOptions {
  /** Base URL of the hub, e.g. `https://relais.example.org`. */
  hubUrl: string;
  /** A bearer token from an earlier login, if any. */
  token?: string | null;
  /** The device crypto to use (default: libsodium). */
  crypto?: DeviceCrypto;
  /** Replaces the global `fetch`. */
  fetch?: typeof fetch;
  /** `fetch` credentials mode (default `same-origin`, which sends the web app's cookie). */
  credentials?: RequestCredentials;
  /** Replaces the clock that dates signed statements (tests that move the hub's clock). */
  now?: () => Date;
}

/**
 * The SDK's connection to one hub: enrolment, login, devices, persons and the socket. Works in
 * Node and in the browser. Every response is parsed with the shared schemas; every refusal
 * throws a `HubError` with the hub's code, every local failure a `ClientError`.
 */
export class HubClient {
  /** The bearer token sent with every request; set by a bearer login, cleared by logout. */
  token: string | null;
  private readonly http: HubHttp;
  private readonly crypto: DeviceCrypto;
  /** The clock that dates signed statements (the hub accepts five minutes of skew). */
  private readonly now: () => Date;
  /** The device this client acts as: it signs the log entries of the actions it requests. */
  private signer: { deviceId: string; keys: DeviceKeys } | null = null;

  constructor(options: HubClientOptions) {
    this.token = options.token ?? null;
    this.crypto = options.crypto ?? sodiumDeviceCrypto;
    this.now = options.now ?? (() => new Date());
    this.http = new HubHttp({
      hubUrl: options.hubUrl,
      token: () => this.token,
      fetch: options.fetch,
      credentials: options.credentials,
    });
  }

  /** The hub's base URL, without a trailing slash. */
  get hubUrl(): string {
    return this.http.hubUrl;
  }

  /** The register: directory, posts, assignments, handovers, reminders, exports, import. */
  get register(): RegisterClient {
    return new RegisterClient(this.http, this.crypto, () => this.token);
  }

  /**
   * The channels of this client's device (after login or `useDevice`): recipients come from
   * `verifier`, the verified log; `store` keeps each channel's sequence state between runs.
   */
  channels(options: { verifier: LogVerifier; store?: ChannelStateStore }): ChannelClient {
    if (!this.signer) throw new ClientError("device_locked", "unlock the device keys first");
    return new ChannelClient({
      http: this.http,
      verifier: options.verifier,
      device: this.signer,
      now: this.now,
      crypto: this.crypto,
      ...(options.store ? { store: options.store } : {}),
    });
  }

  // ---- Enrolment ------------------------------------------------------------------------------

  /**
   * Looks at an enrolment code without redeeming it: its kind, its person and, except for device
   * codes, the TOTP secret to add to an authenticator app. Pass the result to
   * {@link completeEnrolment}.
   */
  async startEnrolment(code: string): Promise<StartedEnrolment> {
    const path = "/api/v1/enrolment/start";
    const started = await this.http.json("POST", path, enrolmentStartResponseSchema, { code });
    return { ...started, code };
  }

  /**
   * Redeems a started enrolment. Except for a TOTP reset, creates the device's keys here,
   * self-signs its registration entry and registers it; the private keys are returned and never
   * sent. `password` is chosen now for bootstrap and person codes, and proves the person for
   * device and TOTP-reset codes.
   */
  async completeEnrolment(input: CompleteEnrolmentInput): Promise<EnrolmentResult> {
    const { started, password, totpCode } = input;
    const body = { code: started.code, password, totpCode };
    const path = "/api/v1/enrolment/complete";
    if (started.kind === "totp_reset") {
      const result = await this.http.json("POST", path, enrolmentCompleteResponseSchema, body);
      return { kind: "totp_reset", person: result.person };
    }
    await this.crypto.ready();
    const keys = this.crypto.generateDeviceKeys();
    const deviceId = globalThis.crypto.randomUUID();
    const device = signRegistration(this.crypto, keys, {
      personId: started.person.id,
      deviceId,
      deviceName: input.deviceName,
      createdAt: this.now(),
    });
    // The bootstrap device is the network root: it signs the log's first two entries itself.
    const log =
      started.kind === "bootstrap"
        ? {
            roleGranted: signLogEntry(
              this.crypto,
              keys,
              roleGrantedEntry({
                personId: started.person.id,
                username: started.person.username,
                role: started.person.role,
                country: started.person.country,
                at: this.now().toISOString(),
              }),
            ),
            deviceEnrolled: signLogEntry(
              this.crypto,
              keys,
              deviceEnrolledEntry({
                ...device,
                countersignature: null,
                countersignedBy: null,
                at: this.now().toISOString(),
              }),
            ),
          }
        : undefined;
    const result = await this.http.json("POST", path, enrolmentCompleteResponseSchema, {
      ...body,
      device,
      ...(log ? { log } : {}),
    });
    if (result.device === null || result.device.id !== deviceId) {
      throw new ClientError("invalid_response", "the hub did not register the new device");
    }
    return { kind: started.kind, person: result.person, device: result.device, deviceId, keys };
  }

  // ---- Login and session ----------------------------------------------------------------------

  /**
   * Logs in: password, then TOTP, then the device's signature of the hub's challenge. A bearer
   * login (the default) keeps the token in {@link token} for the following requests.
   */
  async login(input: LoginInput): Promise<LoginResult> {
    const sessionKind = input.sessionKind ?? "bearer";
    await this.crypto.ready();
    const { username, password, deviceId } = input;
    const first = await this.http.json("POST", "/api/v1/auth/login", loginPasswordResponseSchema, {
      username,
      password,
      deviceId,
    });
    const second = await this.http.json("POST", "/api/v1/auth/totp", loginTotpResponseSchema, {
      loginId: first.loginId,
      totpCode: input.totpCode,
    });
    const signature = signLoginChallenge(this.crypto, input.keys, {
      loginId: first.loginId,
      deviceId,
      challenge: second.challenge,
      hubInstanceId: second.hubInstanceId,
    });
    const result = await this.http.json("POST", "/api/v1/auth/device", loginDeviceResponseSchema, {
      loginId: first.loginId,
      signature,
      sessionKind,
    });
    if (result.device.id !== deviceId) {
      throw new ClientError("invalid_response", "the hub opened a session for another device");
    }
    if (sessionKind === "bearer") {
      if (result.token === null) {
        throw new ClientError("invalid_response", "the hub sent no bearer token");
      }
      this.token = result.token;
    }
    this.signer = { deviceId, keys: input.keys };
    return result;
  }

  /** The person, device and session this client is logged in as. */
  me(): Promise<Me> {
    return this.http.json("GET", "/api/v1/me", meResponseSchema);
  }

  /** Ends this session on the hub and forgets the token. */
  async logout(): Promise<void> {
    await this.http.empty("POST", "/api/v1/auth/logout");
    this.token = null;
  }

  /** Changes my password; the hub ends my other sessions. */
  changePassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
    return this.http.empty("POST", "/api/v1/me/password", input);
  }

  /**
   * Opens an authenticated socket (bearer token, or the cookie in a browser). Rejects with a
   * `HubError` carrying the hub's code when the hub refuses the session.
   */
  connectSocket(options: { reconnection?: boolean } = {}): Promise<HubSocket> {
    return connectHubSocket(this.hubUrl, { token: this.token, ...options });
  }

  /**
   * Sets the device this client acts as, for a client built from a stored token (the CLI): the
   * actions that write the transparency log are signed with its keys.
   */
  useDevice(deviceId: string, keys: DeviceKeys): void {
    this.signer = { deviceId, keys };
  }

  /** Signs the log entry of an action with the acting device. */
  private signEntry(entry: LogEntry): { at: string; signature: string } {
    if (!this.signer) {
      throw new ClientError("device_locked", "unlock the device keys first (log in or useDevice)");
    }
    return signLogEntry(this.crypto, this.signer.keys, entry);
  }

  private get signerDeviceId(): string {
    if (!this.signer) throw new ClientError("device_locked", "unlock the device keys first");
    return this.signer.deviceId;
  }

  // ---- Devices --------------------------------------------------------------------------------

  /** My devices. */
  async listDevices(): Promise<DeviceView[]> {
    return (await this.http.json("GET", "/api/v1/devices", deviceListResponseSchema)).devices;
  }

  /** Pending devices I may approve (mine, or of the persons I manage). */
  async pendingDevices(): Promise<DeviceView[]> {
    const path = "/api/v1/devices/pending";
    return (await this.http.json("GET", path, deviceListResponseSchema)).devices;
  }

  /** A single-use code to enrol another device of my own. */
  async issueDeviceCode(): Promise<IssuedCode> {
    const path = "/api/v1/devices/enrolment-code";
    return (await this.http.json("POST", path, issuedCodeResponseSchema)).enrolment;
  }

  /**
   * Approves a pending device by countersigning its registration with my device's keys. First
   * checks the device's self-signature against its own registration, and throws
   * `ClientError("untrusted_device")` without countersigning if it does not verify. Given an id,
   * the device is looked up among {@link pendingDevices} (`ClientError("device_not_pending")`).
   */
  async approveDevice(device: string | DeviceView, keys: DeviceKeys): Promise<DeviceView> {
    const pending = typeof device === "string" ? await this.findPendingDevice(device) : device;
    await this.crypto.ready();
    assertSelfSigned(this.crypto, pending);
    const countersignature = countersignRegistration(this.crypto, keys, pending.registration);
    const log = this.signEntry(
      deviceEnrolledEntry({
        registration: pending.registration,
        selfSignature: pending.selfSignature,
        countersignature,
        countersignedBy: this.signerDeviceId,
        at: this.now().toISOString(),
      }),
    );
    const path = `/api/v1/devices/${encodeURIComponent(pending.id)}/approve`;
    const body = { countersignature, log };
    return (await this.http.json("POST", path, deviceResponseSchema, body)).device;
  }

  /** Revokes a device (mine, or of a person I manage); the hub cuts its sessions and sockets. */
  async revokeDevice(deviceId: string): Promise<DeviceView> {
    await this.crypto.ready();
    const log = this.signEntry(deviceRevokedEntry({ deviceId, at: this.now().toISOString() }));
    const path = `/api/v1/devices/${encodeURIComponent(deviceId)}/revoke`;
    return (await this.http.json("POST", path, deviceResponseSchema, { log })).device;
  }

  private async findPendingDevice(deviceId: string): Promise<DeviceView> {
    const found = (await this.pendingDevices()).find((device) => device.id === deviceId);
    if (!found) {
      throw new ClientError("device_not_pending", `device ${deviceId} is not awaiting my approval`);
    }
    return found;
  }

  // ---- Persons --------------------------------------------------------------------------------

  /** Enrols a person (no self-registration); the enrolment code is returned once. */
  async createPerson(input: CreatePersonInput): Promise<CreatedPerson> {
    await this.crypto.ready();
    const personId = globalThis.crypto.randomUUID();
    const country = input.country ?? null;
    const log = this.signEntry(
      roleGrantedEntry({
        personId,
        username: input.username,
        role: input.role,
        country,
        at: this.now().toISOString(),
      }),
    );
    return this.http.json("POST", "/api/v1/persons", createPersonResponseSchema, {
      ...input,
      personId,
      country,
      log,
    });
  }

  /** The persons I may see. */
  async listPersons(): Promise<PersonView[]> {
    return (await this.http.json("GET", "/api/v1/persons", personListResponseSchema)).persons;
  }

  /** Suspends a person: their sessions end and they can no longer log in. */
  suspendPerson(personId: string): Promise<PersonView> {
    return this.personAction(personId, "suspend");
  }

  /** Lifts a suspension. */
  reactivatePerson(personId: string): Promise<PersonView> {
    return this.personAction(personId, "reactivate");
  }

  /** Issues a TOTP-reset code for a person who lost their authenticator. */
  async resetTotp(personId: string): Promise<IssuedCode> {
    const path = `${personPath(personId)}/totp-reset`;
    return (await this.http.json("POST", path, issuedCodeResponseSchema)).enrolment;
  }

  /** Issues a code for a new device of a person I manage who lost theirs. */
  async issueDeviceCodeFor(personId: string): Promise<IssuedCode> {
    const path = `${personPath(personId)}/device-code`;
    return (await this.http.json("POST", path, issuedCodeResponseSchema)).enrolment;
  }

  /** Issues a new enrolment code for a person who has not enrolled yet. */
  async reissueEnrolmentCode(personId: string): Promise<IssuedCode> {
    const path = `${personPath(personId)}/enrolment-code`;
    return (await this.http.json("POST", path, issuedCodeResponseSchema)).enrolment;
  }

  /** The devices of a person I manage. */
  async personDevices(personId: string): Promise<DeviceView[]> {
    const path = `${personPath(personId)}/devices`;
    return (await this.http.json("GET", path, deviceListResponseSchema)).devices;
  }

  private async personAction(personId: string, action: "suspend" | "reactivate") {
    await this.crypto.ready();
    const at = this.now().toISOString();
    const entry =
      action === "suspend"
        ? personSuspendedEntry({ personId, at })
        : personReactivatedEntry({ personId, at });
    const path = `${personPath(personId)}/${action}`;
    const body = { log: this.signEntry(entry) };
    return (await this.http.json("POST", path, personResponseSchema, body)).person;
  }
}

function personPath(personId: string): string {
  return `/api/v1/persons/${encodeURIComponent(personId)}`;
}
