import { z } from "zod";
import { base64urlSchema, timestampSchema, uuidSchema } from "../api/common";

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

/** Every kind of message content; a kind a client does not know is shown as unsupported. */
export const messageContentSchema = z.discriminatedUnion("kind", [textContentSchema]);
export type MessageContent = z.infer<typeof messageContentSchema>;
