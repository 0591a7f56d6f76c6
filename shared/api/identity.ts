import { z } from "zod";
import {
  countryCodeSchema,
  publicKeySchema,
  signatureSchema,
  timestampSchema,
  uuidSchema,
} from "./common";

/** The roles of DESIGN.md §6. */
export const roleSchema = z.enum(["administrator", "coordinator", "focal_point", "auditor"]);
export type Role = z.infer<typeof roleSchema>;

/** Lower-case login names chosen by the enrolling authority, e.g. `ne.smuggling.fp`. */
export const usernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, "3-64 characters: a-z, 0-9, '.', '_' or '-'");

/** A password as typed; its strength is checked by the hub's password policy. */
export const passwordSchema = z.string().min(1).max(256);

/** The six digits an authenticator app shows. */
export const totpCodeSchema = z.string().regex(/^\d{6}$/, "must be 6 digits");

/** A single-use enrolment, device or reset code: at least 128 bits of base64url. */
export const enrolmentCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,128}$/, "not a valid enrolment code");

export const personStatusSchema = z.enum(["invited", "active", "suspended"]);
export const deviceStatusSchema = z.enum(["pending", "active", "revoked"]);
export const enrolmentKindSchema = z.enum(["bootstrap", "person", "device", "totp_reset"]);
export type EnrolmentKind = z.infer<typeof enrolmentKindSchema>;

/**
 * What a device signs about itself when it registers (context `device-registration`), and what
 * the enrolling authority's device countersigns (context `device-countersignature`). Signatures
 * cover the RFC 8785 canonical JSON of this object.
 */
export const deviceRegistrationSchema = z
  .object({
    v: z.literal(1),
    type: z.literal("device-registration"),
    personId: uuidSchema,
    deviceId: uuidSchema,
    deviceName: z.string().trim().min(1).max(64),
    /** Ed25519 public key. */
    signingKey: publicKeySchema,
    /** X25519 public key. */
    encryptionKey: publicKeySchema,
    createdAt: timestampSchema,
  })
  .strict()
  .meta({ id: "DeviceRegistration" });
export type DeviceRegistration = z.infer<typeof deviceRegistrationSchema>;

/**
 * What a device signs to log in (context `login-challenge`): the hub's fresh challenge, bound to
 * this login attempt, this device and this hub instance.
 */
export const loginChallengeStatementSchema = z
  .object({
    v: z.literal(1),
    type: z.literal("login-challenge"),
    loginId: uuidSchema,
    deviceId: uuidSchema,
    challenge: z.string(),
    hubInstanceId: z.string(),
  })
  .strict();
export type LoginChallengeStatement = z.infer<typeof loginChallengeStatementSchema>;

export const personViewSchema = z
  .object({
    id: uuidSchema,
    username: usernameSchema,
    displayName: z.string(),
    role: roleSchema,
    country: countryCodeSchema.nullable(),
    status: personStatusSchema,
    createdAt: timestampSchema,
  })
  .meta({ id: "Person" });
export type PersonView = z.infer<typeof personViewSchema>;

export const deviceViewSchema = z
  .object({
    id: uuidSchema,
    personId: uuidSchema,
    name: z.string(),
    status: deviceStatusSchema,
    registration: deviceRegistrationSchema,
    selfSignature: signatureSchema,
    /** Null only for the network's root device (the bootstrap administrator's first device). */
    countersignature: signatureSchema.nullable(),
    countersignedBy: uuidSchema.nullable(),
    createdAt: timestampSchema,
    approvedAt: timestampSchema.nullable(),
    revokedAt: timestampSchema.nullable(),
  })
  .meta({ id: "Device" });
export type DeviceView = z.infer<typeof deviceViewSchema>;

export const totpSetupSchema = z
  .object({
    /** Base32 secret, for typing into an authenticator by hand. */
    secret: z.string(),
    otpauthUri: z.string().startsWith("otpauth://totp/"),
    /** The otpauth URI as a QR code PNG data URL. */
    qrCodeDataUrl: z.string().startsWith("data:image/png;base64,"),
  })
  .meta({ id: "TotpSetup" });

/**
 * The acting device's signature of the transparency-log entry a request creates (context
 * `log-entry`, over the entry's canonical JSON; builders in `shared/log/identityEntries.ts`).
 * `at` is the client's clock; the hub accepts it within five minutes of its own.
 */
export const logSignatureSchema = z
  .object({ at: timestampSchema, signature: signatureSchema })
  .strict()
  .meta({ id: "LogSignature" });
export type LogSignature = z.infer<typeof logSignatureSchema>;

/** A request body that only carries the log signature of the action (revoke, suspend, ...). */
export const loggedActionBodySchema = z.object({ log: logSignatureSchema }).strict();

// ---- Enrolment -------------------------------------------------------------------------------

/** `POST /api/v1/enrolment/start`: look at a code before redeeming it; returns the TOTP to set up. */
export const enrolmentStartBodySchema = z.object({ code: enrolmentCodeSchema }).strict();
export const enrolmentStartResponseSchema = z.object({
  kind: enrolmentKindSchema,
  person: personViewSchema,
  expiresAt: timestampSchema,
  /** A new TOTP secret for bootstrap, person and TOTP-reset codes; null when adding a device. */
  totp: totpSetupSchema.nullable(),
});

/** `POST /api/v1/enrolment/complete`: redeem a code, atomically and once. */
export const enrolmentCompleteBodySchema = z
  .object({
    code: enrolmentCodeSchema,
    /** Chosen now for bootstrap and person codes; proves the person for device and reset codes. */
    password: passwordSchema,
    totpCode: totpCodeSchema,
    /** Required except for a TOTP reset. */
    device: z
      .object({ registration: deviceRegistrationSchema, selfSignature: signatureSchema })
      .strict()
      .optional(),
    /**
     * Bootstrap only: the new root device signs the first administrator's `role-granted` entry
     * and its own `device-enrolled` entry, the first two leaves of the log.
     */
    log: z
      .object({ roleGranted: logSignatureSchema, deviceEnrolled: logSignatureSchema })
      .strict()
      .optional(),
  })
  .strict();
export const enrolmentCompleteResponseSchema = z.object({
  person: personViewSchema,
  /** Active for the root device; otherwise pending until the authority countersigns it. */
  device: deviceViewSchema.nullable(),
});

// ---- Persons ---------------------------------------------------------------------------------

/** `POST /api/v1/persons`: an administrator or coordinator enrols someone; returns a code once. */
export const createPersonBodySchema = z
  .object({
    /** Chosen by the client, so that it can sign the `role-granted` entry before sending. */
    personId: uuidSchema,
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(120),
    role: roleSchema,
    country: countryCodeSchema.nullable(),
    log: logSignatureSchema,
  })
  .strict();
export const issuedCodeSchema = z
  .object({ code: enrolmentCodeSchema, kind: enrolmentKindSchema, expiresAt: timestampSchema })
  .meta({ id: "IssuedCode" });
export const createPersonResponseSchema = z.object({
  person: personViewSchema,
  enrolment: issuedCodeSchema,
});
export const personParamsSchema = z.object({ personId: uuidSchema }).strict();
export const personListResponseSchema = z.object({ persons: z.array(personViewSchema) });
export const personResponseSchema = z.object({ person: personViewSchema });

// ---- Login and sessions ----------------------------------------------------------------------

export const sessionKindSchema = z.enum(["cookie", "bearer"]);

/** Step 1: username and password, naming the device that will sign the challenge. */
export const loginPasswordBodySchema = z
  .object({ username: usernameSchema, password: passwordSchema, deviceId: uuidSchema })
  .strict();
export const loginPasswordResponseSchema = z.object({
  loginId: uuidSchema,
  next: z.literal("totp"),
});

/** Step 2: the TOTP code; returns the challenge the device signs. */
export const loginTotpBodySchema = z
  .object({ loginId: uuidSchema, totpCode: totpCodeSchema })
  .strict();
export const loginTotpResponseSchema = z.object({
  loginId: uuidSchema,
  next: z.literal("device"),
  challenge: z.string(),
  hubInstanceId: z.string(),
});

/** Step 3: the device's signature of the challenge statement; opens a session. */
export const loginDeviceBodySchema = z
  .object({ loginId: uuidSchema, signature: signatureSchema, sessionKind: sessionKindSchema })
  .strict();

export const sessionViewSchema = z
  .object({
    id: uuidSchema,
    kind: sessionKindSchema,
    deviceId: uuidSchema,
    createdAt: timestampSchema,
    expiresAt: timestampSchema,
  })
  .meta({ id: "Session" });

export const meResponseSchema = z
  .object({ person: personViewSchema, device: deviceViewSchema, session: sessionViewSchema })
  .meta({ id: "Me" });

export const loginDeviceResponseSchema = meResponseSchema.extend({
  /** The bearer token, for `sessionKind: "bearer"` only; cookie sessions get an httpOnly cookie. */
  token: z.string().nullable(),
});

export const changePasswordBodySchema = z
  .object({ currentPassword: passwordSchema, newPassword: passwordSchema })
  .strict();

// ---- Devices ---------------------------------------------------------------------------------

export const deviceParamsSchema = z.object({ deviceId: uuidSchema }).strict();
export const deviceListResponseSchema = z.object({ devices: z.array(deviceViewSchema) });
export const deviceResponseSchema = z.object({ device: deviceViewSchema });
/** `POST /api/v1/devices/:deviceId/approve`: the approving device's countersignature. */
export const approveDeviceBodySchema = z
  .object({ countersignature: signatureSchema, log: logSignatureSchema })
  .strict();
export const issuedCodeResponseSchema = z.object({ enrolment: issuedCodeSchema });
