import type { z } from "zod";
import type {
  createPersonResponseSchema,
  DeviceView,
  enrolmentStartResponseSchema,
  issuedCodeSchema,
  loginDeviceResponseSchema,
  meResponseSchema,
  PersonView,
  Role,
  sessionKindSchema,
} from "#shared/api/identity";
import type { DeviceKeys } from "./crypto/index.ts";

// The SDK's names for the shared contract's types, and the inputs of HubClient's methods.

/** What an enrolment code is for, its person and the TOTP to set up; keeps the code to redeem. */
export type StartedEnrolment = z.infer<typeof enrolmentStartResponseSchema> & { code: string };

/** A code issued by the hub (enrolment, device or TOTP-reset code), shown once. */
export type IssuedCode = z.infer<typeof issuedCodeSchema>;

/** Who is logged in, on which device, in which session. */
export type Me = z.infer<typeof meResponseSchema>;

/** The result of a login: {@link Me} plus the bearer token (null for cookie sessions). */
export type LoginResult = z.infer<typeof loginDeviceResponseSchema>;

/** `cookie` for the web app (httpOnly cookie), `bearer` for the SDK and the CLI. */
export type SessionKind = z.infer<typeof sessionKindSchema>;

/** The result of {@link HubClient.completeEnrolment}. */
export type EnrolmentResult =
  | { kind: "totp_reset"; person: PersonView }
  | {
      kind: "bootstrap" | "person" | "device";
      person: PersonView;
      /** Active for the network's root device, otherwise pending until countersigned. */
      device: DeviceView;
      /** The new device's id, chosen by this client. */
      deviceId: string;
      /** The new device's private keys: seal them (e.g. `writeKeyFile`), then `wipe` them. */
      keys: DeviceKeys;
    };

/** Input of {@link HubClient.completeEnrolment}. */
export interface CompleteEnrolmentInput {
  /** What {@link HubClient.startEnrolment} returned for the code. */
  started: StartedEnrolment;
  /** Chosen now for bootstrap and person codes; the current one for device and reset codes. */
  password: string;
  /** The six digits of the authenticator (set up from `started.totp` when it is not null). */
  totpCode: string;
  /** A name for the new device (ignored for a TOTP reset). */
  deviceName: string;
}

/** Input of {@link HubClient.login}. */
export interface LoginInput {
  username: string;
  password: string;
  totpCode: string;
  /** The id of the device whose keys are given. */
  deviceId: string;
  /** The device's keys; the signing key signs the hub's challenge. */
  keys: DeviceKeys;
  /** Default `bearer`. */
  sessionKind?: SessionKind;
}

/** Input of {@link HubClient.createPerson}. */
export interface CreatePersonInput {
  username: string;
  displayName: string;
  role: Role;
  /** ISO 3166-1 alpha-2; required by the hub for coordinators and focal points. */
  country?: string | null;
}

/** A person just created, with their enrolment code (shown once). */
export type CreatedPerson = z.infer<typeof createPersonResponseSchema>;
