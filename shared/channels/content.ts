import { z } from "zod";
import { alertDocumentSchema } from "../alerts/document.ts";
import { alertFollowUpSchema } from "../alerts/thread.ts";
import { base64urlSchema, timestampSchema, uuidSchema } from "../api/common";
import { languageSchema } from "../i18n/languages.ts";
import { mlaActionSchema } from "../mla/lifecycleVocabulary.ts";
import { mlaRequestSchema } from "../mla/request.ts";

/**
 * What a message carries once decrypted (never seen by the hub). Each kind is versioned by the
 * envelope; alerts and MLA requests add their own kinds.
 */

/** A reference to an encrypted attachment and the key to read it. */
export const attachmentRefSchema = z
  .object({
    attachmentId: uuidSchema,
    /** The crypto_secretstream key (32 bytes). */
    key: base64urlSchema.length(43),
    /** The crypto_secretstream header (24 bytes). */
    header: base64urlSchema.length(32),
    /** Plaintext size in bytes. */
    size: z.int().min(0),
    /** Plaintext bytes per encrypted chunk. */
    chunkSize: z.int().min(1).max(1_048_576),
    name: z.string().min(1).max(255),
    mediaType: z.string().min(1).max(255),
  })
  .strict();
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

export const textContentSchema = z
  .object({
    kind: z.literal("text"),
    text: z.string().max(60_000),
    attachments: z.array(attachmentRefSchema).max(10).default([]),
    sentAt: timestampSchema,
  })
  .strict();

/**
 * A version of a modus-operandi alert, in the alert's own channel (docs/alerts.md). `alertId`
 * and `version` repeat the document's metadata so a reader can thread it before parsing it all.
 */
export const alertContentMessageSchema = z
  .object({
    kind: z.literal("alert"),
    alertId: uuidSchema,
    version: z.int().min(1),
    document: alertDocumentSchema,
  })
  .strict()
  .refine(
    (message) =>
      message.document.metadata.alertId === message.alertId &&
      message.document.metadata.version === message.version,
    { message: "must match the document's metadata", path: ["version"] },
  );

/** A follow-up, request for information or answer threaded under an alert. */
export const alertFollowUpMessageSchema = z
  .object({ kind: z.literal("alert-follow-up"), followUp: alertFollowUpSchema })
  .strict();

/**
 * An MLA request, in the request's own channel (docs/mla.md). `requestId` repeats the request's
 * so a reader can match it with the hub's status before parsing it all.
 */
export const mlaRequestMessageSchema = z
  .object({ kind: z.literal("mla-request"), requestId: uuidSchema, request: mlaRequestSchema })
  .strict()
  .refine((message) => message.request.requestId === message.requestId, {
    message: "must match the request's id",
    path: ["requestId"],
  });

/**
 * Free text exchanged about an MLA request (the questions of a request for information, the
 * information provided, the reasoning of a refusal), with the action it goes with, if any.
 */
export const mlaMessageSchema = z
  .object({
    kind: z.literal("mla-message"),
    requestId: uuidSchema,
    /** The transition this text explains, when it goes with one. */
    action: mlaActionSchema.optional(),
    language: languageSchema,
    text: z.string().max(60_000),
    attachments: z.array(attachmentRefSchema).max(10).default([]),
    sentAt: timestampSchema,
  })
  .strict();

/** Every kind of message content; a kind a client does not know is shown as unsupported. */
export const messageContentSchema = z.discriminatedUnion("kind", [
  textContentSchema,
  alertContentMessageSchema,
  alertFollowUpMessageSchema,
  mlaRequestMessageSchema,
  mlaMessageSchema,
]);
export type MessageContent = z.infer<typeof messageContentSchema>;
