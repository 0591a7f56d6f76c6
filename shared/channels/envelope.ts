import { z } from "zod";
import { base64urlSchema, signatureSchema, timestampSchema, uuidSchema } from "../api/common";

/**
 * The wire formats of channels (docs/protocol.md §10): the epoch statement that carries an
 * epoch's wrapped keys, and the message envelope. Both are signed by a device; the hub stores
 * and relays them, and can read neither the keys nor the content.
 */

/** The largest message ciphertext, in bytes before base64url (64 KiB bucket plus the tag). */
export const MAX_MESSAGE_CIPHERTEXT_BYTES = 65_536 + 16;

/** base64url text of at most `bytes` bytes. */
export const boundedBase64url = (bytes: number) => base64urlSchema.max(Math.ceil((bytes * 4) / 3));

/** One recipient device's copy of an epoch key: `nonce (24) || crypto_box_easy(key)`. */
export const epochWrapSchema = z
  .object({ deviceId: uuidSchema, wrap: base64urlSchema.length(96) })
  .strict();

/**
 * An epoch of a channel: a fresh 32-byte key wrapped for each recipient device, bound to the
 * channel, the epoch number and the size of the log the recipients were computed from.
 */
export const epochStatementSchema = z
  .object({
    v: z.literal(1),
    type: z.literal("channel-epoch"),
    channelId: uuidSchema,
    epoch: z.int().min(1),
    /** The size of the verified log the starting device computed the recipients from. */
    treeSize: z.int().min(1),
    /** The device that starts the epoch and signs this statement. */
    senderDeviceId: uuidSchema,
    /** Sorted by device id, one per recipient device. */
    recipients: z.array(epochWrapSchema).min(1).max(2_000),
    /**
     * Institutional channels: `nonce (24) || crypto_secretbox_easy(previous epoch key)` under
     * this epoch's key, so whoever reads this epoch can read the previous one. Null for epoch 1
     * and for restricted channels.
     */
    previousKey: base64urlSchema.length(96).nullable(),
    createdAt: timestampSchema,
  })
  .strict();
export type EpochStatement = z.infer<typeof epochStatementSchema>;

/** An epoch statement with its starting device's signature (context `channel-epoch`). */
export const signedEpochSchema = z
  .object({ statement: epochStatementSchema, signature: signatureSchema })
  .strict();
export type SignedEpoch = z.infer<typeof signedEpochSchema>;

/** The authenticated header of a message: the AEAD's associated data, and signed. */
export const messageHeaderSchema = z
  .object({
    v: z.literal(1),
    channelId: uuidSchema,
    epoch: z.int().min(1),
    senderDeviceId: uuidSchema,
    /** 1, 2, 3... per sender device and channel. */
    senderSeq: z.int().min(1),
    /** SHA-256 of the sender's previous message in this channel (§10.4); null for the first. */
    prevHash: base64urlSchema.length(43).nullable(),
    /** Chosen by the client; a retried send carries the same id and is stored once. */
    clientMessageId: uuidSchema,
  })
  .strict();
export type MessageHeader = z.infer<typeof messageHeaderSchema>;

/** A message as it travels and is stored: header, nonce, padded ciphertext, signature. */
export const envelopeSchema = messageHeaderSchema
  .extend({
    nonce: base64urlSchema.length(32),
    ciphertext: boundedBase64url(MAX_MESSAGE_CIPHERTEXT_BYTES).min(22),
    signature: signatureSchema,
  })
  .strict();
export type Envelope = z.infer<typeof envelopeSchema>;

/** A stored message as the hub delivers it: its channel sequence number and arrival time. */
export const deliveredMessageSchema = z
  .object({ seq: z.int().min(1), envelope: envelopeSchema, storedAt: timestampSchema })
  .strict();
export type DeliveredMessage = z.infer<typeof deliveredMessageSchema>;
