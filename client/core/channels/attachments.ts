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

/** Encrypts `bytes` chunk by chunk (crypto_secretstream) and uploads the result. */
export async function uploadAttachment(
  api: ChannelApi,
  channelId: string,
  bytes: Uint8Array,
  name: string,
  mediaType: string,
): Promise<AttachmentRef> {
  const encryptor = new AttachmentEncryptor();
  const chunks = Math.max(1, Math.ceil(bytes.length / ATTACHMENT_CHUNK_BYTES));
  const out = new Uint8Array(bytes.length + chunks * encryptedChunkSize(0));
  let offset = 0;
  for (let i = 0; i < chunks; i++) {
    const chunk = bytes.subarray(i * ATTACHMENT_CHUNK_BYTES, (i + 1) * ATTACHMENT_CHUNK_BYTES);
    const sealed = encryptor.push(chunk, i === chunks - 1);
    out.set(sealed, offset);
    offset += sealed.length;
  }
  const { attachmentId } = await api.uploadAttachment(channelId, out);
  return {
    attachmentId,
    key: toBase64Url(encryptor.key),
    header: toBase64Url(encryptor.header),
    size: bytes.length,
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
