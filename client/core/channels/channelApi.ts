import type { z } from "zod";
import {
  attachmentCreatedResponseSchema,
  type ChannelRecipient,
  type ChannelView,
  type CreateChannelBody,
  channelDetailResponseSchema,
  channelListResponseSchema,
  channelResponseSchema,
  epochCreatedResponseSchema,
  epochsResponseSchema,
  uploadStartedResponseSchema,
} from "#shared/api/channels";
import type { LogSignature } from "#shared/api/identity";
import type { SignedEpoch } from "#shared/channels/envelope";
import type { HubHttp } from "../hubHttp.ts";

const path = (channelId: string, rest = "") =>
  `/api/v1/channels/${encodeURIComponent(channelId)}${rest}`;

/** The REST calls of channels, each parsed with the shared schemas. */
export class ChannelApi {
  constructor(private readonly http: HubHttp) {}

  async list(): Promise<ChannelView[]> {
    return (await this.http.json("GET", "/api/v1/channels", channelListResponseSchema)).channels;
  }

  async create(body: CreateChannelBody): Promise<ChannelView> {
    return (await this.http.json("POST", "/api/v1/channels", channelResponseSchema, body)).channel;
  }

  detail(channelId: string): Promise<{ channel: ChannelView; recipients: ChannelRecipient[] }> {
    return this.http.json("GET", path(channelId), channelDetailResponseSchema);
  }

  async addMember(channelId: string, postId: string, log: LogSignature): Promise<ChannelView> {
    const body = { postId, log };
    return (await this.http.json("POST", path(channelId, "/members"), channelResponseSchema, body))
      .channel;
  }

  async removeMember(channelId: string, postId: string, log: LogSignature): Promise<ChannelView> {
    const member = path(channelId, `/members/${encodeURIComponent(postId)}`);
    return (await this.http.json("DELETE", member, channelResponseSchema, { log })).channel;
  }

  /** The signed epochs from `from` on, and the hub's list of the channel's devices (a hint). */
  epochs(
    channelId: string,
    from = 1,
  ): Promise<{ epochs: SignedEpoch[]; recipients: ChannelRecipient[] }> {
    return this.http.json("GET", path(channelId, `/epochs?from=${from}`), epochsResponseSchema);
  }

  async startEpoch(channelId: string, epoch: SignedEpoch): Promise<number> {
    const epochs = path(channelId, "/epochs");
    return (await this.http.json("POST", epochs, epochCreatedResponseSchema, epoch)).epoch;
  }

  /**
   * Uploads a whole encrypted attachment in one request: the route older clients use, kept on
   * the hub. The SDK uploads in parts ({@link startUpload}, {@link uploadPart},
   * {@link completeUpload}), which works the same in the browser and reports progress.
   */
  uploadAttachment(
    channelId: string,
    bytes: Uint8Array,
  ): Promise<z.infer<typeof attachmentCreatedResponseSchema>> {
    return this.http
      .bytes("POST", path(channelId, "/attachments"), bytes)
      .then(async (response) => attachmentCreatedResponseSchema.parse(await response.json()));
  }

  /** Starts an upload of `size` encrypted bytes; the hub says how large each part must be. */
  startUpload(
    channelId: string,
    size: number,
  ): Promise<z.infer<typeof uploadStartedResponseSchema>> {
    return this.http.json("POST", path(channelId, "/uploads"), uploadStartedResponseSchema, {
      size,
    });
  }

  /** Sends part `index` of an upload (sending it again replaces it). */
  async uploadPart(
    channelId: string,
    uploadId: string,
    index: number,
    bytes: Uint8Array,
  ): Promise<void> {
    const part = path(channelId, `/uploads/${encodeURIComponent(uploadId)}/parts/${index}`);
    const response = await this.http.bytes("PUT", part, bytes);
    await response.body?.cancel();
  }

  /** Abandons an upload of this device: the hub drops it with its parts. */
  async abandonUpload(channelId: string, uploadId: string): Promise<void> {
    const upload = path(channelId, `/uploads/${encodeURIComponent(uploadId)}`);
    const response = await this.http.bytes("DELETE", upload);
    await response.body?.cancel();
  }

  /** Completes an upload: its parts become the attachment. */
  completeUpload(
    channelId: string,
    uploadId: string,
  ): Promise<z.infer<typeof attachmentCreatedResponseSchema>> {
    const complete = path(channelId, `/uploads/${encodeURIComponent(uploadId)}/complete`);
    return this.http.json("POST", complete, attachmentCreatedResponseSchema);
  }

  /** The encrypted bytes of an attachment, as a stream of chunks. */
  async downloadAttachment(
    channelId: string,
    attachmentId: string,
  ): Promise<ReadableStream<Uint8Array>> {
    const response = await this.http.bytes(
      "GET",
      path(channelId, `/attachments/${encodeURIComponent(attachmentId)}`),
    );
    if (response.body === null) return new ReadableStream({ start: (c) => c.close() });
    return response.body;
  }
}
