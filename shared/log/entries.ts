import { z } from "zod";
import { countryCodeSchema, signatureSchema, timestampSchema, uuidSchema } from "../api/common";
import { deviceRegistrationSchema, roleSchema, usernameSchema } from "../api/identity";
import { alertEntrySchemas } from "./alertEntries";
import { channelEntrySchemas } from "./channelEntries";
import { mlaEntrySchemas } from "./mlaEntries";
import { registerEntrySchemas } from "./registerEntries";

/**
 * The transparency log's entries (DESIGN.md §5). Each leaf of the Merkle tree is the RFC 8785
 * canonical JSON of a {@link SignedLeaf}: an entry and the acting device's signature of the
 * entry's canonical JSON under the `log-entry` context. Entries hold identifiers, keys, roles and
 * countries, never personal contact details (those stay in the register, behind its policies).
 */

/** A device joins the network: its registration, self-signed, countersigned by an authority. */
export const deviceEnrolledEntrySchema = z
  .object({
    v: z.literal(1),
    type: z.literal("device-enrolled"),
    registration: deviceRegistrationSchema,
    selfSignature: signatureSchema,
    /** Null only for the network root device, which the bootstrap administrator enrols. */
    countersignature: signatureSchema.nullable(),
    countersignedBy: uuidSchema.nullable(),
    at: timestampSchema,
  })
  .strict();

/** A device is revoked by its owner or an authority; nobody encrypts to it afterwards. */
export const deviceRevokedEntrySchema = z
  .object({
    v: z.literal(1),
    type: z.literal("device-revoked"),
    deviceId: uuidSchema,
    at: timestampSchema,
  })
  .strict();

/** A person is given a role, when an authority enrols them (or at bootstrap). */
export const roleGrantedEntrySchema = z
  .object({
    v: z.literal(1),
    type: z.literal("role-granted"),
    personId: uuidSchema,
    username: usernameSchema,
    role: roleSchema,
    country: countryCodeSchema.nullable(),
    at: timestampSchema,
  })
  .strict();

/** A person is suspended: their role no longer counts until they are reactivated. */
export const personSuspendedEntrySchema = z
  .object({
    v: z.literal(1),
    type: z.literal("person-suspended"),
    personId: uuidSchema,
    at: timestampSchema,
  })
  .strict();

/** A suspended person is reactivated with the role they had. */
export const personReactivatedEntrySchema = z
  .object({
    v: z.literal(1),
    type: z.literal("person-reactivated"),
    personId: uuidSchema,
    at: timestampSchema,
  })
  .strict();

export const logEntrySchema = z.discriminatedUnion("type", [
  deviceEnrolledEntrySchema,
  deviceRevokedEntrySchema,
  roleGrantedEntrySchema,
  personSuspendedEntrySchema,
  personReactivatedEntrySchema,
  ...registerEntrySchemas,
  ...channelEntrySchemas,
  ...alertEntrySchemas,
  ...mlaEntrySchemas,
]);
export type LogEntry = z.infer<typeof logEntrySchema>;
export type LogEntryType = LogEntry["type"];

/** A leaf: the entry, the acting device, and its signature of the entry (context `log-entry`). */
export const signedLeafSchema = z
  .object({
    v: z.literal(1),
    entry: logEntrySchema,
    signer: uuidSchema,
    signature: signatureSchema,
  })
  .strict()
  .meta({ id: "SignedLeaf" });
export type SignedLeaf = z.infer<typeof signedLeafSchema>;

/** The statement a tree head's signature covers (context `tree-head`), by the hub's log key. */
export const treeHeadStatementSchema = z
  .object({
    v: z.literal(1),
    type: z.literal("tree-head"),
    treeSize: z.number().int().min(0),
    rootHash: z.string(),
    timestamp: timestampSchema,
  })
  .strict();
export type TreeHeadStatement = z.infer<typeof treeHeadStatementSchema>;
