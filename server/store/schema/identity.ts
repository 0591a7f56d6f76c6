import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * People who hold or administer posts. Created by an authority in status `invited`; active once
 * they redeem their enrolment code. Password hashes are Argon2id; TOTP secrets are encrypted
 * with the hub's secret key (AES-256-GCM), never stored in clear.
 */
export const persons = pgTable(
  "persons",
  {
    id: uuid("id").primaryKey(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: text("role", {
      enum: ["administrator", "coordinator", "focal_point", "auditor"],
    }).notNull(),
    country: text("country"),
    status: text("status", { enum: ["invited", "active", "suspended"] }).notNull(),
    passwordHash: text("password_hash"),
    totpSecretEncrypted: text("totp_secret_encrypted"),
    /** The last TOTP time step accepted, so a code is never accepted twice. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("persons_country_idx").on(table.country)],
);

/** Device keys. Public keys only: private keys never leave the device. */
export const devices = pgTable(
  "devices",
  {
    id: uuid("id").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    name: text("name").notNull(),
    signingKey: text("signing_key").notNull().unique(),
    encryptionKey: text("encryption_key").notNull(),
    /** The canonical JSON the device signed. */
    registration: text("registration").notNull(),
    selfSignature: text("self_signature").notNull(),
    countersignature: text("countersignature"),
    countersignedBy: uuid("countersigned_by"),
    status: text("status", { enum: ["pending", "active", "revoked"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by"),
  },
  (table) => [index("devices_person_idx").on(table.personId)],
);

/** Single-use codes, stored only as SHA-256 hashes of 128+ random bits. */
export const enrolmentCodes = pgTable(
  "enrolment_codes",
  {
    id: uuid("id").primaryKey(),
    codeHash: text("code_hash").notNull().unique(),
    kind: text("kind", { enum: ["bootstrap", "person", "device", "totp_reset"] }).notNull(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    createdByPerson: uuid("created_by_person"),
    createdByDevice: uuid("created_by_device"),
    /** The TOTP secret offered at `start`, encrypted, confirmed at `complete`. */
    pendingTotpSecretEncrypted: text("pending_totp_secret_encrypted"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (table) => [index("enrolment_codes_person_idx").on(table.personId)],
);

/** Sessions, stored by the SHA-256 of their token, so a database dump holds no usable token. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id),
    kind: text("kind", { enum: ["cookie", "bearer"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason"),
  },
  (table) => [
    index("sessions_person_idx").on(table.personId),
    index("sessions_device_idx").on(table.deviceId),
  ],
);

/** A login in progress: password checked, then TOTP, then the device's signed challenge. */
export const loginAttempts = pgTable("login_attempts", {
  id: uuid("id").primaryKey(),
  personId: uuid("person_id")
    .notNull()
    .references(() => persons.id),
  deviceId: uuid("device_id")
    .notNull()
    .references(() => devices.id),
  stage: text("stage", { enum: ["password_ok", "totp_ok", "done"] }).notNull(),
  challenge: text("challenge"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
