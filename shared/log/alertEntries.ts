import { z } from "zod";
import { alertRecipientsSchema } from "../alerts/metadata.ts";
import {
  handlingCodeSchema,
  permissionPurposeSchema,
  tlpLevelSchema,
} from "../alerts/vocabulary.ts";
import { timestampSchema, uuidSchema } from "../api/common.ts";

/**
 * Alert events in the transparency log (DESIGN.md §8, docs/alerts.md "Exchange on the hub"):
 * what the hub sees of an alert's life, signed by the acting device. They hold identifiers,
 * posts and the handling metadata, never the alert's content, which travels end-to-end
 * encrypted in the alert's channel. Expiry is a hub action, not an entry (no device signs it).
 */

const entry = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ v: z.literal(1), type: z.literal(type), ...shape, at: timestampSchema }).strict();

/** The hub-enforced fields an issue and an update both carry. */
const handlingShape = {
  tlp: tlpLevelSchema,
  handling: handlingCodeSchema,
  urgent: z.boolean(),
  expiresAt: timestampSchema,
};

/**
 * An alert is issued: version 1, by its issuer post, to the resolved recipient posts (sorted,
 * the issuer post left out), through its dedicated channel. `addressing` is what the issuer
 * asked for (named posts, countries and areas, a list), from which the recipients were resolved.
 */
export const alertIssuedEntrySchema = entry("alert-issued", {
  alertId: uuidSchema,
  version: z.literal(1),
  issuerPostId: uuidSchema,
  channelId: uuidSchema,
  recipientPostIds: z.array(uuidSchema).min(1).max(500),
  addressing: alertRecipientsSchema,
  ...handlingShape,
});

/** A new version of an alert (its content is a new message in the alert's channel). */
export const alertUpdatedEntrySchema = entry("alert-updated", {
  alertId: uuidSchema,
  version: z.int().min(2).max(10_000),
  issuerPostId: uuidSchema,
  ...handlingShape,
});

/** A recipient post has read this version of the alert (signed by a device of its holder). */
export const alertAcknowledgedEntrySchema = entry("alert-acknowledged", {
  alertId: uuidSchema,
  version: z.int().min(1).max(10_000),
  postId: uuidSchema,
});

/** The issuer withdraws the alert: no more acknowledgements, follow-ups or updates. */
export const alertWithdrawnEntrySchema = entry("alert-withdrawn", {
  alertId: uuidSchema,
  issuerPostId: uuidSchema,
});

/** A recipient post asks the originator for permission to forward or to use the alert. */
export const alertPermissionRequestedEntrySchema = entry("alert-permission-requested", {
  alertId: uuidSchema,
  requestId: uuidSchema,
  purpose: permissionPurposeSchema,
  requestingPostId: uuidSchema,
  targetPostIds: z.array(uuidSchema).min(1).max(100).optional(),
});

/** The originator (a holder of the issuer post) grants or refuses a permission request. */
export const alertPermissionDecidedEntrySchema = entry("alert-permission-decided", {
  alertId: uuidSchema,
  requestId: uuidSchema,
  decidedByPostId: uuidSchema,
  decision: z.enum(["granted", "refused"]),
  validUntil: timestampSchema.optional(),
});

/** A recipient post forwards the alert to other posts, through a channel of its own. */
export const alertForwardedEntrySchema = entry("alert-forwarded", {
  alertId: uuidSchema,
  version: z.int().min(1).max(10_000),
  fromPostId: uuidSchema,
  toPostIds: z.array(uuidSchema).min(1).max(100),
  channelId: uuidSchema,
});

export const alertEntrySchemas = [
  alertIssuedEntrySchema,
  alertUpdatedEntrySchema,
  alertAcknowledgedEntrySchema,
  alertWithdrawnEntrySchema,
  alertPermissionRequestedEntrySchema,
  alertPermissionDecidedEntrySchema,
  alertForwardedEntrySchema,
] as const;

export type AlertEntry = z.infer<(typeof alertEntrySchemas)[number]>;
export type AlertIssuedEntry = z.infer<typeof alertIssuedEntrySchema>;
export type AlertUpdatedEntry = z.infer<typeof alertUpdatedEntrySchema>;
