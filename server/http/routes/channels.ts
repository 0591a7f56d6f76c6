import type { Request } from "express";
import { z } from "zod";
import {
  addChannelMemberBodySchema,
  attachmentCreatedResponseSchema,
  attachmentParamsSchema,
  channelDetailResponseSchema,
  channelListResponseSchema,
  channelMemberParamsSchema,
  channelParamsSchema,
  channelResponseSchema,
  createChannelBodySchema,
  epochCreatedResponseSchema,
  epochsQuerySchema,
  epochsResponseSchema,
  removeChannelMemberBodySchema,
  startUploadBodySchema,
  uploadParamsSchema,
  uploadPartParamsSchema,
  uploadStartedResponseSchema,
} from "#shared/api/channels";
import { signedEpochSchema } from "#shared/channels/envelope";
import {
  abandonUpload,
  completeUpload,
  downloadAttachment,
  startUpload,
  storeUploadPart,
  uploadAttachment,
} from "../../commands/channels/attachments";
import { createEpoch, epochsOf } from "../../commands/channels/epochs";
import {
  addChannelMember,
  createChannel,
  getChannel,
  listChannels,
  removeChannelMember,
} from "../../commands/channels/manageChannels";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { canUseChannels } from "../../policies/channels";
import { type AnyRoute, defineRoute } from "../route";

const tags = ["channels"];
const person = (actor: unknown) => actor as AuthenticatedActor;

const list = defineRoute({
  method: "get",
  path: "/api/v1/channels",
  summary: "The channels of the posts I hold (or deputise, where the channel includes deputies)",
  tags,
  response: { status: 200, schema: channelListResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: async ({ hub, actor }) => ({ channels: await listChannels(hub, person(actor)) }),
});

const create = defineRoute({
  method: "post",
  path: "/api/v1/channels",
  summary: "Create a channel among posts (logged as channel-created)",
  tags,
  request: { body: createChannelBodySchema },
  response: { status: 201, schema: channelResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: async ({ hub, actor, input }) => ({
    channel: await createChannel(hub, person(actor), input.body),
  }),
});

const detail = defineRoute({
  method: "get",
  path: "/api/v1/channels/:channelId",
  summary: "A channel, with the devices the hub would deliver it to (clients check them)",
  tags,
  request: { params: channelParamsSchema },
  response: { status: 200, schema: channelDetailResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: ({ hub, actor, input }) => getChannel(hub, person(actor), input.params.channelId),
});

const addMember = defineRoute({
  method: "post",
  path: "/api/v1/channels/:channelId/members",
  summary: "Add a post to a channel (logged as channel-member-added)",
  tags,
  request: { params: channelParamsSchema, body: addChannelMemberBodySchema },
  response: { status: 200, schema: channelResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: async ({ hub, actor, input }) => ({
    channel: await addChannelMember(hub, person(actor), input.params.channelId, input.body),
  }),
});

const removeMember = defineRoute({
  method: "delete",
  path: "/api/v1/channels/:channelId/members/:postId",
  summary: "Remove a post from a channel (logged as channel-member-removed)",
  tags,
  request: { params: channelMemberParamsSchema, body: removeChannelMemberBodySchema },
  response: { status: 200, schema: channelResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: async ({ hub, actor, input }) => ({
    channel: await removeChannelMember(
      hub,
      person(actor),
      input.params.channelId,
      input.params.postId,
      input.body,
    ),
  }),
});

const epochs = defineRoute({
  method: "get",
  path: "/api/v1/channels/:channelId/epochs",
  summary: "The channel's signed epochs (wrapped keys) from an epoch on",
  tags,
  request: { params: channelParamsSchema, query: epochsQuerySchema },
  response: { status: 200, schema: epochsResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: ({ hub, actor, input }) =>
    epochsOf(hub, person(actor), input.params.channelId, input.query.from),
});

const startEpoch = defineRoute({
  method: "post",
  path: "/api/v1/channels/:channelId/epochs",
  summary: "Start the channel's next epoch: a new key wrapped for each recipient device",
  tags,
  request: { params: channelParamsSchema, body: signedEpochSchema },
  response: { status: 201, schema: epochCreatedResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: ({ hub, actor, input }) =>
    createEpoch(hub, person(actor), input.params.channelId, input.body),
});

/** Raw bodies (attachments) come as application/octet-stream; returns their Content-Length. */
function octetStreamLength(req: Request): number | undefined {
  if (!req.is("application/octet-stream")) {
    throw new AppError("unsupported_media_type", "Send the bytes as application/octet-stream.");
  }
  const length = req.headers["content-length"];
  return length === undefined ? undefined : Number(length);
}

const upload = defineRoute({
  method: "post",
  path: "/api/v1/channels/:channelId/attachments",
  summary:
    "Upload an encrypted attachment in one request (application/octet-stream, streamed; " +
    "kept for older clients: the SDK uploads in parts)",
  tags,
  request: { params: channelParamsSchema },
  response: { status: 201, schema: attachmentCreatedResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: ({ hub, actor, input, req }) =>
    uploadAttachment(hub, person(actor), input.params.channelId, req, octetStreamLength(req)),
});

const startPartedUpload = defineRoute({
  method: "post",
  path: "/api/v1/channels/:channelId/uploads",
  summary: "Start uploading an encrypted attachment in parts (its total encrypted size)",
  tags,
  request: { params: channelParamsSchema, body: startUploadBodySchema },
  response: { status: 201, schema: uploadStartedResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: ({ hub, actor, input }) =>
    startUpload(hub, person(actor), input.params.channelId, input.body.size),
});

const uploadPart = defineRoute({
  method: "put",
  path: "/api/v1/channels/:channelId/uploads/:uploadId/parts/:index",
  summary:
    "Send one part of an upload (application/octet-stream, partBytes except the last; " +
    "sending a part again replaces it)",
  tags,
  request: { params: uploadPartParamsSchema },
  response: { status: 204, schema: z.undefined() },
  authenticated: true,
  policy: canUseChannels,
  handler: async ({ hub, actor, input, req }) => {
    await storeUploadPart(hub, person(actor), input.params, req, octetStreamLength(req));
    return undefined;
  },
});

const completePartedUpload = defineRoute({
  method: "post",
  path: "/api/v1/channels/:channelId/uploads/:uploadId/complete",
  summary: "Complete an upload: its parts become the attachment, in one transaction",
  tags,
  request: { params: uploadParamsSchema },
  response: { status: 201, schema: attachmentCreatedResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: ({ hub, actor, input }) =>
    completeUpload(hub, person(actor), input.params.channelId, input.params.uploadId),
});

const abandonPartedUpload = defineRoute({
  method: "delete",
  path: "/api/v1/channels/:channelId/uploads/:uploadId",
  summary:
    "Abandon an upload of this device, its parts with it (answered alike whether it existed)",
  tags,
  request: { params: uploadParamsSchema },
  response: { status: 204, schema: z.undefined() },
  authenticated: true,
  policy: canUseChannels,
  handler: async ({ hub, actor, input }) => {
    await abandonUpload(hub, person(actor), input.params.channelId, input.params.uploadId);
    return undefined;
  },
});

const download = defineRoute({
  method: "get",
  path: "/api/v1/channels/:channelId/attachments/:attachmentId",
  summary: "Download an encrypted attachment (streamed)",
  tags,
  request: { params: attachmentParamsSchema },
  response: { status: 200, schema: z.string(), contentType: "application/octet-stream" },
  authenticated: true,
  policy: canUseChannels,
  handler: async ({ hub, actor, input, res }) => {
    const { channelId, attachmentId } = input.params;
    const { size, bytes } = await downloadAttachment(hub, person(actor), channelId, attachmentId);
    res.setHeader("Content-Length", String(size));
    return { raw: bytes, contentType: "application/octet-stream" };
  },
});

export const channelRoutes: readonly AnyRoute[] = [
  list,
  create,
  detail,
  addMember,
  removeMember,
  epochs,
  startEpoch,
  upload,
  startPartedUpload,
  uploadPart,
  completePartedUpload,
  abandonPartedUpload,
  download,
];
