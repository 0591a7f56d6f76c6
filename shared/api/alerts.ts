import { z } from "zod";
import { freeText } from "../alerts/fields.ts";
import { alertRecipientsSchema } from "../alerts/metadata.ts";
import {
  alertFollowUpMetadataSchema,
  permissionDecisionSchema,
  permissionRequestSchema,
} from "../alerts/thread.ts";
import {
  handlingCodeSchema,
  permissionPurposeSchema,
  tlpLevelSchema,
} from "../alerts/vocabulary.ts";
import { countryCodeSchema, timestampSchema, uuidSchema } from "./common.ts";
import { logSignatureSchema } from "./identity.ts";

/**
 * REST bodies and views of alerts on the hub (docs/alerts.md "Exchange on the hub"). The hub
 * sees only this metadata; the alert's content travels in its channel, end-to-end encrypted.
 */

export const alertParamsSchema = z.object({ alertId: uuidSchema }).strict();
export const permissionRequestParamsSchema = z
  .object({ alertId: uuidSchema, requestId: uuidSchema })
  .strict();

/** The hub-enforced handling fields of an issue or an update. */
const handlingFields = {
  tlp: tlpLevelSchema,
  handling: handlingCodeSchema,
  /** True for `urgent` and `immediate` alerts: unacknowledged recipients are reminded. */
  urgent: z.boolean(),
  /** When the hub purges the alert's content. */
  expiresAt: timestampSchema,
};

/**
 * `POST /api/v1/alerts`: registers an alert issued through `channelId` (already created by the
 * issuer's device with the issuer post as owner and exactly the recipient posts as members).
 */
export const issueAlertBodySchema = z
  .object({
    alertId: uuidSchema,
    issuerPostId: uuidSchema,
    channelId: uuidSchema,
    /** The posts the addressing resolved to, without the issuer post. */
    recipientPostIds: z.array(uuidSchema).min(1).max(500),
    /** The addressing as the issuer gave it. */
    addressing: alertRecipientsSchema,
    ...handlingFields,
    log: logSignatureSchema,
  })
  .strict();
export type IssueAlertBody = z.infer<typeof issueAlertBodySchema>;

/** `POST /api/v1/alerts/:alertId/versions`: version `version` (the current one + 1). */
export const updateAlertBodySchema = z
  .object({ version: z.int().min(2).max(10_000), ...handlingFields, log: logSignatureSchema })
  .strict();
export type UpdateAlertBody = z.infer<typeof updateAlertBodySchema>;

/** `POST /api/v1/alerts/:alertId/acknowledgements`: a recipient post has read `version`. */
export const acknowledgeAlertBodySchema = z
  .object({ postId: uuidSchema, version: z.int().min(1), log: logSignatureSchema })
  .strict();

/** `POST /api/v1/alerts/:alertId/withdrawal`: the issuer withdraws the alert. */
export const withdrawAlertBodySchema = z.object({ log: logSignatureSchema }).strict();

/** `POST /api/v1/alerts/:alertId/follow-ups`: a follow-up's metadata, before its encrypted text. */
export const registerFollowUpBodySchema = alertFollowUpMetadataSchema;

/** `POST /api/v1/alerts/:alertId/permission-requests`. */
export const permissionRequestBodySchema = z
  .object({
    requestId: uuidSchema,
    alertVersion: z.int().min(1),
    purpose: permissionPurposeSchema,
    requestingPostId: uuidSchema,
    targetPostIds: z.array(uuidSchema).min(1).max(100).optional(),
    justification: freeText(2000),
    log: logSignatureSchema,
  })
  .strict();
export type PermissionRequestBody = z.infer<typeof permissionRequestBodySchema>;

/** `POST /api/v1/alerts/:alertId/permission-requests/:requestId/decisions`. */
export const permissionDecisionBodySchema = z
  .object({
    decision: z.enum(["granted", "refused"]),
    conditions: freeText(1000).optional(),
    validUntil: timestampSchema.optional(),
    log: logSignatureSchema,
  })
  .strict();
export type PermissionDecisionBody = z.infer<typeof permissionDecisionBodySchema>;

/** `POST /api/v1/alerts/:alertId/forwards`: a recipient forwards through a channel of its own. */
export const forwardAlertBodySchema = z
  .object({
    version: z.int().min(1),
    fromPostId: uuidSchema,
    toPostIds: z.array(uuidSchema).min(1).max(100),
    channelId: uuidSchema,
    log: logSignatureSchema,
  })
  .strict();
export type ForwardAlertBody = z.infer<typeof forwardAlertBodySchema>;

/** `POST /api/v1/alert-lists`: a named distribution list of posts, owned by a post. */
export const createDistributionListBodySchema = z
  .object({
    listId: uuidSchema,
    name: z.string().trim().min(1).max(120),
    ownerPostId: uuidSchema,
    postIds: z.array(uuidSchema).min(1).max(500),
  })
  .strict();

// ---- Views -------------------------------------------------------------------------------------

/** Where an alert stands: `expired` alerts have had their content purged. */
export const alertStatusSchema = z.enum(["active", "withdrawn", "expired"]);

/** An alert's metadata as its issuer and recipients see it. */
export const alertViewSchema = z
  .object({
    alertId: uuidSchema,
    version: z.int().min(1),
    issuerPostId: uuidSchema,
    channelId: uuidSchema,
    recipientPostIds: z.array(uuidSchema),
    addressing: alertRecipientsSchema,
    tlp: tlpLevelSchema,
    handling: handlingCodeSchema,
    urgent: z.boolean(),
    status: alertStatusSchema,
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    expiresAt: timestampSchema,
    withdrawnAt: timestampSchema.nullable(),
    expiredAt: timestampSchema.nullable(),
  })
  .strict()
  .meta({ id: "Alert" });
export type AlertView = z.infer<typeof alertViewSchema>;

/** A recipient post's acknowledgement status (the issuer sees who has not acknowledged). */
export const alertAcknowledgementViewSchema = z
  .object({
    postId: uuidSchema,
    title: z.string(),
    country: countryCodeSchema,
    /** The latest version the post acknowledged, null when none. */
    acknowledgedVersion: z.int().min(1).nullable(),
    acknowledgedAt: timestampSchema.nullable(),
    acknowledgedByDevice: uuidSchema.nullable(),
    /** Whether the current version is acknowledged. */
    current: z.boolean(),
  })
  .strict();
export type AlertAcknowledgementView = z.infer<typeof alertAcknowledgementViewSchema>;

/** A forwarding recorded on the hub. */
export const alertForwardViewSchema = z
  .object({
    fromPostId: uuidSchema,
    toPostIds: z.array(uuidSchema),
    channelId: uuidSchema,
    version: z.int().min(1),
    forwardedAt: timestampSchema,
  })
  .strict();

export const alertResponseSchema = z.object({ alert: alertViewSchema }).strict();

/** `GET /api/v1/alerts/:alertId`. */
export const alertDetailResponseSchema = z
  .object({
    alert: alertViewSchema,
    acknowledgements: z.array(alertAcknowledgementViewSchema),
    followUps: z.array(alertFollowUpMetadataSchema),
    permissionRequests: z.array(permissionRequestSchema),
    permissionDecisions: z.array(permissionDecisionSchema),
    forwards: z.array(alertForwardViewSchema),
  })
  .strict();
export type AlertDetail = z.infer<typeof alertDetailResponseSchema>;

/** The hub's alert settings, so clients date expiries as the hub does. */
export const alertSettingsSchema = z
  .object({ defaultExpiryMonths: z.int().min(1), reminderHours: z.number().positive() })
  .strict();
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

/** `GET /api/v1/alerts`: the alerts of the posts I hold (issued, received or forwarded to me). */
export const alertListResponseSchema = z
  .object({ alerts: z.array(alertViewSchema), settings: alertSettingsSchema })
  .strict();

export const followUpResponseSchema = z.object({ followUp: alertFollowUpMetadataSchema }).strict();
export const permissionRequestResponseSchema = z
  .object({ request: permissionRequestSchema })
  .strict();
export const permissionDecisionResponseSchema = z
  .object({ decision: permissionDecisionSchema })
  .strict();
export const alertForwardResponseSchema = z.object({ forward: alertForwardViewSchema }).strict();

export const distributionListViewSchema = z
  .object({
    listId: uuidSchema,
    name: z.string(),
    ownerPostId: uuidSchema,
    postIds: z.array(uuidSchema),
    createdAt: timestampSchema,
  })
  .strict();
export type DistributionListView = z.infer<typeof distributionListViewSchema>;
export const distributionListResponseSchema = z
  .object({ list: distributionListViewSchema })
  .strict();
export const distributionListsResponseSchema = z
  .object({ lists: z.array(distributionListViewSchema) })
  .strict();

/** A reminder of an urgent alert that a post I hold has not acknowledged. */
export const alertReminderViewSchema = z
  .object({
    alertId: uuidSchema,
    postId: uuidSchema,
    version: z.int().min(1),
    remindedAt: timestampSchema,
  })
  .strict();
export const alertRemindersResponseSchema = z
  .object({ reminders: z.array(alertReminderViewSchema) })
  .strict();
