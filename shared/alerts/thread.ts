import { z } from "zod";
import { timestampSchema, uuidSchema } from "../api/common.ts";
import { languageSchema } from "../i18n/languages.ts";
import { freeText } from "./fields.ts";
import { followUpKindSchema, permissionPurposeSchema } from "./vocabulary.ts";

/**
 * What the hub sees of a follow-up or request for information threaded under an alert: who
 * wrote it, under which alert and version, in reply to what. The text travels encrypted.
 */
export const alertFollowUpMetadataSchema = z
  .object({
    v: z.literal(1),
    followUpId: uuidSchema,
    alertId: uuidSchema,
    /** The version of the alert the author had read. */
    alertVersion: z.int().min(1),
    authorPostId: uuidSchema,
    kind: followUpKindSchema,
    /** The follow-up answered; required for an answer, absent otherwise is a new thread entry. */
    inReplyTo: uuidSchema.optional(),
    createdAt: timestampSchema,
  })
  .strict()
  .refine((followUp) => followUp.kind !== "answer" || followUp.inReplyTo !== undefined, {
    message: "an answer says which follow-up it answers",
    path: ["inReplyTo"],
  });

/** The encrypted part of a follow-up. */
export const alertFollowUpContentSchema = z
  .object({
    v: z.literal(1),
    language: languageSchema,
    text: freeText(5000),
  })
  .strict();

/** A follow-up as a reader holds it once decrypted. */
export const alertFollowUpSchema = z
  .object({ metadata: alertFollowUpMetadataSchema, content: alertFollowUpContentSchema })
  .strict();

/**
 * What a recipient post's device signs to acknowledge an alert: this version of this alert has
 * been read by this post. The issuer sees which posts have and have not acknowledged.
 */
export const alertAcknowledgementStatementSchema = z
  .object({
    v: z.literal(1),
    type: z.literal("alert-acknowledgement"),
    alertId: uuidSchema,
    version: z.int().min(1),
    postId: uuidSchema,
    /** The device that signs, so a signature cannot be replayed as another device's. */
    deviceId: uuidSchema,
    at: timestampSchema,
  })
  .strict();

/**
 * A recipient asks the originator for permission to forward an alert or to use it in judicial
 * proceedings, as its handling code requires (see `distribution.ts`).
 */
export const permissionRequestSchema = z
  .object({
    v: z.literal(1),
    type: z.literal("alert-permission-request"),
    requestId: uuidSchema,
    alertId: uuidSchema,
    alertVersion: z.int().min(1),
    purpose: permissionPurposeSchema,
    requestingPostId: uuidSchema,
    /** For forwarding: the posts it would go to. */
    targetPostIds: z.array(uuidSchema).min(1).max(100).optional(),
    justification: freeText(2000),
    requestedAt: timestampSchema,
  })
  .strict()
  .refine((request) => request.purpose !== "forwarding" || request.targetPostIds !== undefined, {
    message: "a forwarding request names the posts it would go to",
    path: ["targetPostIds"],
  });

/**
 * The originator's answer to a {@link permissionRequestSchema}. The latest decision on a request
 * wins, so a permission is withdrawn by a later `refused` decision on the same request.
 */
export const permissionDecisionSchema = z
  .object({
    v: z.literal(1),
    type: z.literal("alert-permission-decision"),
    requestId: uuidSchema,
    alertId: uuidSchema,
    purpose: permissionPurposeSchema,
    requestingPostId: uuidSchema,
    /** For forwarding: the posts it may go to. */
    targetPostIds: z.array(uuidSchema).min(1).max(100).optional(),
    /** Must be the alert's issuer post for the decision to count. */
    decidedByPostId: uuidSchema,
    decision: z.enum(["granted", "refused"]),
    conditions: freeText(1000).optional(),
    decidedAt: timestampSchema,
    validUntil: timestampSchema.optional(),
  })
  .strict();

export type AlertFollowUpMetadata = z.infer<typeof alertFollowUpMetadataSchema>;
export type AlertFollowUpContent = z.infer<typeof alertFollowUpContentSchema>;
export type AlertFollowUp = z.infer<typeof alertFollowUpSchema>;
export type AlertAcknowledgementStatement = z.infer<typeof alertAcknowledgementStatementSchema>;
export type PermissionRequest = z.infer<typeof permissionRequestSchema>;
export type PermissionDecision = z.infer<typeof permissionDecisionSchema>;
