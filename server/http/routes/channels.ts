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
} from "#shared/api/channels";
import { signedEpochSchema } from "#shared/channels/envelope";
import { downloadAttachment, uploadAttachment } from "../../commands/channels/attachments";
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

const upload = defineRoute({
  method: "post",
  path: "/api/v1/channels/:channelId/attachments",
  summary: "Upload an encrypted attachment (application/octet-stream, streamed)",
  tags,
  request: { params: channelParamsSchema },
  response: { status: 201, schema: attachmentCreatedResponseSchema },
  authenticated: true,
  policy: canUseChannels,
  handler: ({ hub, actor, input, req }) => {
    if (!req.is("application/octet-stream")) {
      throw new AppError(
        "unsupported_media_type",
        "Send the attachment as application/octet-stream.",
      );
    }
    const length = req.headers["content-length"];
    return uploadAttachment(
      hub,
      person(actor),
      input.params.channelId,
      req,
      length === undefined ? undefined : Number(length),
    );
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
  download,
];
