import { z } from "zod";
import { deliveredMessageSchema, envelopeSchema, signedEpochSchema } from "../channels/envelope";
import { channelKindSchema, historyPolicySchema } from "../log/channelEntries";
import { countryCodeSchema, timestampSchema, uuidSchema } from "./common";
import { logSignatureSchema } from "./identity";

/** REST bodies and views of channels (DESIGN.md §7); socket events are in `shared/events.ts`. */

export const channelParamsSchema = z.object({ channelId: uuidSchema }).strict();
export const channelMemberParamsSchema = z
  .object({ channelId: uuidSchema, postId: uuidSchema })
  .strict();

/** `POST /api/v1/channels`: a channel among posts; `channelId` is chosen by the client. */
export const createChannelBodySchema = z
  .object({
    channelId: uuidSchema,
    kind: channelKindSchema.default("group"),
    name: z.string().trim().min(1).max(120),
    purpose: z.string().trim().max(1_000).default(""),
    /** The post that owns the channel; the creator must hold it unless they coordinate. */
    ownerPostId: uuidSchema,
    /** The other member posts (the owner post is always a member). */
    memberPostIds: z.array(uuidSchema).max(499).default([]),
    historyPolicy: historyPolicySchema,
    includeDeputies: z.boolean().default(false),
    log: logSignatureSchema,
  })
  .strict();
export type CreateChannelBody = z.infer<typeof createChannelBodySchema>;

/** `POST /api/v1/channels/:channelId/members`: a post joins (logged). */
export const addChannelMemberBodySchema = z
  .object({ postId: uuidSchema, log: logSignatureSchema })
  .strict();

/** `DELETE /api/v1/channels/:channelId/members/:postId`: a post leaves (logged). */
export const removeChannelMemberBodySchema = z.object({ log: logSignatureSchema }).strict();

export const channelMemberViewSchema = z
  .object({ postId: uuidSchema, title: z.string(), country: countryCodeSchema })
  .strict();

/** A channel as its members see it. */
export const channelViewSchema = z
  .object({
    id: uuidSchema,
    kind: channelKindSchema,
    name: z.string(),
    purpose: z.string(),
    ownerPostId: uuidSchema,
    historyPolicy: historyPolicySchema,
    includeDeputies: z.boolean(),
    members: z.array(channelMemberViewSchema),
    /** The latest epoch, 0 before the first message. */
    currentEpoch: z.int().min(0),
    /** The latest message's sequence number, 0 when empty. */
    lastSeq: z.int().min(0),
    /** The last sequence number the requesting device acknowledged. */
    cursor: z.int().min(0),
    createdAt: timestampSchema,
  })
  .strict()
  .meta({ id: "Channel" });
export type ChannelView = z.infer<typeof channelViewSchema>;

/** A device the hub would deliver the channel to: a hint that clients check against the log. */
export const channelRecipientSchema = z
  .object({ deviceId: uuidSchema, personId: uuidSchema, postId: uuidSchema })
  .strict();
export type ChannelRecipient = z.infer<typeof channelRecipientSchema>;

export const channelResponseSchema = z.object({ channel: channelViewSchema }).strict();
export const channelDetailResponseSchema = z
  .object({ channel: channelViewSchema, recipients: z.array(channelRecipientSchema) })
  .strict();
export const channelListResponseSchema = z
  .object({ channels: z.array(channelViewSchema) })
  .strict();

/** `GET /api/v1/channels/:channelId/epochs?from=N`: the signed epochs from N on. */
export const epochsQuerySchema = z.object({ from: z.coerce.number().int().min(1).default(1) });
export const epochsResponseSchema = z
  .object({
    epochs: z.array(signedEpochSchema),
    /** The devices the hub would deliver the channel to now: a hint clients check (§10.2). */
    recipients: z.array(z.lazy(() => channelRecipientSchema)),
  })
  .strict();
export const epochCreatedResponseSchema = z.object({ epoch: z.int().min(1) }).strict();

/**
 * What `POST .../uploads/:uploadId/complete` answers, and the older one-request
 * `POST /api/v1/channels/:channelId/attachments` (a raw encrypted stream).
 */
export const attachmentCreatedResponseSchema = z
  .object({ attachmentId: uuidSchema, size: z.int().min(0) })
  .strict();
export const attachmentParamsSchema = z
  .object({ channelId: uuidSchema, attachmentId: uuidSchema })
  .strict();

// ---- Attachments uploaded in parts (docs/protocol.md §10.6) --------------------------------

/** `POST /api/v1/channels/:channelId/uploads`: starts an upload of `size` encrypted bytes. */
export const startUploadBodySchema = z
  .object({
    /** The whole encrypted size; refused above the hub's limit with `attachment_too_large`. */
    size: z.int().min(1),
  })
  .strict();
export type StartUploadBody = z.infer<typeof startUploadBodySchema>;

export const uploadStartedResponseSchema = z
  .object({
    uploadId: uuidSchema,
    /** Bytes of every part but the last, which holds the rest: part `i` starts at `i * partBytes`. */
    partBytes: z.int().min(1),
  })
  .strict();

export const uploadParamsSchema = z
  .object({ channelId: uuidSchema, uploadId: uuidSchema })
  .strict();

/** `PUT .../uploads/:uploadId/parts/:index` (application/octet-stream): parts count from 0. */
export const uploadPartParamsSchema = z
  .object({
    channelId: uuidSchema,
    uploadId: uuidSchema,
    index: z.coerce.number().int().min(0).max(1_000_000),
  })
  .strict();

// ---- Socket events (registered in shared/events.ts) ---------------------------------------

export const sendMessagePayloadSchema = z.object({ envelope: envelopeSchema }).strict();
export const sendMessageAckSchema = z
  .object({
    seq: z.int().min(1),
    /** True when this client message id was already stored: nothing new was written. */
    duplicate: z.boolean(),
  })
  .strict();

/** A page of a channel after `afterSeq`; without it, after the device's cursor. */
export const syncPayloadSchema = z
  .object({
    channelId: uuidSchema,
    afterSeq: z.int().min(0).optional(),
    limit: z.int().min(1).max(1_000).default(500),
  })
  .strict();
export const syncAckSchema = z
  .object({ messages: z.array(deliveredMessageSchema), lastSeq: z.int().min(0) })
  .strict();

/** The device has everything up to `seq`: the hub moves its cursor (never backwards). */
export const ackPayloadSchema = z.object({ channelId: uuidSchema, seq: z.int().min(1) }).strict();
export const ackAckSchema = z.object({ cursor: z.int().min(0) }).strict();

/** A message the hub has stored, pushed to the channel's recipients. */
export const messagePushSchema = deliveredMessageSchema.extend({ channelId: uuidSchema }).strict();

/** Something about a channel changed (members, epoch): clients refresh it. */
export const channelChangedPushSchema = z
  .object({ channelId: uuidSchema, change: z.enum(["members", "epoch", "created"]) })
  .strict();
