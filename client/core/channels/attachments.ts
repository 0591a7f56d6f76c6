import type { AttachmentRef } from "#shared/channels/content";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import {
  ATTACHMENT_CHUNK_BYTES,
  AttachmentDecryptor,
  AttachmentEncryptor,
  encryptedChunkSize,
} from "../crypto/index.ts";
import { ClientError } from "../errors.ts";
import type { ChannelApi } from "./channelApi.ts";

/** Options of {@link uploadAttachment}. */
export interface AttachmentUploadOptions {
  /**
   * Progress in bytes of the encrypted attachment (what travels): called with 0 before the first
   * part, then after each part the hub has stored, the last time with `sentBytes === totalBytes`.
   */
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void;
}

/** Plaintext read from a `Blob` at a time: 16 chunks (1 MiB). */
const READ_SPAN = 16 * ATTACHMENT_CHUNK_BYTES;

/** Extra attempts at a part the network lost before the upload fails. */
const PART_RETRIES = 2;

/**
 * The plaintext in chunks of {@link ATTACHMENT_CHUNK_BYTES} (one empty chunk for an empty
 * file), a `Blob` read one slice at a time so that a large file is never all in memory.
 */
async function* plaintextChunks(input: Uint8Array | Blob): AsyncGenerator<Uint8Array> {
  const size = input instanceof Uint8Array ? input.length : input.size;
  if (size === 0) yield new Uint8Array(0);
  for (let start = 0; start < size; start += READ_SPAN) {
    const slice =
      input instanceof Uint8Array
        ? input.subarray(start, start + READ_SPAN)
        : new Uint8Array(await input.slice(start, start + READ_SPAN).arrayBuffer());
    for (let offset = 0; offset < slice.length; offset += ATTACHMENT_CHUNK_BYTES) {
      yield slice.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES);
    }
  }
}

/** Sends a part, again if the network lost it (the hub replaces a part sent twice). */
async function sendPart(
  api: ChannelApi,
  channelId: string,
  uploadId: string,
  index: number,
  bytes: Uint8Array,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.uploadPart(channelId, uploadId, index, bytes);
    } catch (error) {
      const lost = error instanceof ClientError && error.code === "hub_unreachable";
      if (!lost || attempt >= PART_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
    }
  }
}

/**
 * Encrypts a file chunk by chunk (crypto_secretstream) and uploads the ciphertext part by part
 * as it is produced (docs/protocol.md §10.6): at most one part and one slice of the file are in
 * memory, never the whole ciphertext. `input` is the bytes, or a `Blob` (a browser `File`, or
 * Node's `fs.openAsBlob`) read slice by slice.
 */
export async function uploadAttachment(
  api: ChannelApi,
  channelId: string,
  input: Uint8Array | Blob,
  name: string,
  mediaType: string,
  options: AttachmentUploadOptions = {},
): Promise<AttachmentRef> {
  const size = input instanceof Uint8Array ? input.length : input.size;
  const chunks = Math.max(1, Math.ceil(size / ATTACHMENT_CHUNK_BYTES));
  const total = size + chunks * encryptedChunkSize(0);
  const { uploadId, partBytes } = await api.startUpload(channelId, total);
  try {
    return await sendUpload(api, channelId, { uploadId, partBytes, total, size, chunks }, input, {
      name,
      mediaType,
      onProgress: options.onProgress,
    });
  } catch (error) {
    // Nothing half-sent is left behind: the hub drops the upload and its parts (best effort;
    // an upload left anyway expires within the hour).
    await api.abandonUpload(channelId, uploadId).catch(() => undefined);
    throw error;
  }
}

/** Encrypts and sends the parts of a started upload, then completes it. */
async function sendUpload(
  api: ChannelApi,
  channelId: string,
  upload: { uploadId: string; partBytes: number; total: number; size: number; chunks: number },
  input: Uint8Array | Blob,
  options: AttachmentUploadOptions & { name: string; mediaType: string },
): Promise<AttachmentRef> {
  const { uploadId, partBytes, total, size, chunks } = upload;
  const { name, mediaType } = options;
  const encryptor = new AttachmentEncryptor();
  // Reused for every part: each is stored before the next is filled.
  const part = new Uint8Array(Math.min(partBytes, total));
  let filled = 0;
  let index = 0;
  let sent = 0;
  const flush = async () => {
    await sendPart(api, channelId, uploadId, index, part.subarray(0, filled));
    sent += filled;
    index += 1;
    filled = 0;
    options.onProgress?.(sent, total);
  };
  options.onProgress?.(0, total);
  let chunk = 0;
  for await (const plain of plaintextChunks(input)) {
    const sealed = encryptor.push(plain, chunk === chunks - 1);
    chunk += 1;
    for (let offset = 0; offset < sealed.length; ) {
      const taken = Math.min(sealed.length - offset, part.length - filled);
      part.set(sealed.subarray(offset, offset + taken), filled);
      filled += taken;
      offset += taken;
      if (filled === part.length) await flush();
    }
  }
  if (filled > 0) await flush();
  const { attachmentId } = await api.completeUpload(channelId, uploadId);
  return {
    attachmentId,
    key: toBase64Url(encryptor.key),
    header: toBase64Url(encryptor.header),
    size,
    chunkSize: ATTACHMENT_CHUNK_BYTES,
    name,
    mediaType,
  };
}

/** Streams an attachment down and decrypts each chunk as soon as it is complete. */
export async function downloadAttachment(
  api: ChannelApi,
  channelId: string,
  ref: AttachmentRef,
): Promise<Uint8Array> {
  const decryptor = new AttachmentDecryptor(fromBase64Url(ref.key), fromBase64Url(ref.header));
  const sealedChunk = encryptedChunkSize(ref.chunkSize);
  const plain = new Uint8Array(ref.size);
  let written = 0;
  let pending = new Uint8Array(0);
  const take = (chunk: Uint8Array) => {
    const opened = decryptor.pull(chunk);
    if (written + opened.length > plain.length) {
      throw new ClientError("invalid_response", "the attachment is larger than announced");
    }
    plain.set(opened, written);
    written += opened.length;
  };
  const reader = (await api.downloadAttachment(channelId, ref.attachmentId)).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const joined = new Uint8Array(pending.length + value.length);
    joined.set(pending, 0);
    joined.set(value, pending.length);
    let offset = 0;
    while (joined.length - offset >= sealedChunk) {
      take(joined.subarray(offset, offset + sealedChunk));
      offset += sealedChunk;
    }
    pending = joined.slice(offset);
  }
  if (pending.length > 0) take(pending);
  decryptor.finish();
  if (written !== ref.size)
    throw new ClientError("invalid_response", "the attachment is truncated");
  return plain;
}
