import type { Readable } from "node:stream";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { attachmentBytes, findAttachment, insertAttachment } from "../../store/attachments";
import { loadReadableChannel } from "./channelRecords";

/** Bytes per stored part of an attachment. */
const PART_BYTES = 256 * 1024;

/** Cuts a stream into parts of {@link PART_BYTES}, refusing more than `limit` bytes in all. */
async function readParts(
  body: Readable,
  limit: number,
): Promise<{ parts: Uint8Array[]; size: number }> {
  const parts: Uint8Array[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > limit) {
      body.destroy();
      throw new AppError("attachment_too_large", `An attachment holds at most ${limit} bytes.`);
    }
    pending.push(bytes);
    pendingBytes += bytes.length;
    while (pendingBytes >= PART_BYTES) {
      const joined = Buffer.concat(pending);
      parts.push(new Uint8Array(joined.subarray(0, PART_BYTES)));
      pending = [joined.subarray(PART_BYTES)];
      pendingBytes = joined.length - PART_BYTES;
    }
  }
  if (pendingBytes > 0) parts.push(new Uint8Array(Buffer.concat(pending)));
  return { parts, size };
}

/**
 * Stores an encrypted attachment (crypto_secretstream output, opaque to the hub) for a channel
 * the uploader reads. The size is checked as the bytes arrive; nothing is stored unless all of
 * it arrived within the limit.
 */
export async function uploadAttachment(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
  body: Readable,
  declaredLength: number | undefined,
): Promise<{ attachmentId: string; size: number }> {
  const db = hub.database.db;
  await loadReadableChannel(db, actor, channelId);
  const limit = hub.config.attachmentMaxBytes;
  if (declaredLength !== undefined && declaredLength > limit) {
    throw new AppError("attachment_too_large", `An attachment holds at most ${limit} bytes.`);
  }
  const { parts, size } = await readParts(body, limit);
  const attachmentId = globalThis.crypto.randomUUID();
  await db.transaction((tx) =>
    insertAttachment(
      tx,
      { id: attachmentId, channelId, uploaderDeviceId: actor.deviceId, size, createdAt: hub.now() },
      parts,
    ),
  );
  return { attachmentId, size };
}

/** The stored bytes of an attachment of a channel the actor reads, streamed. */
export async function downloadAttachment(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
  attachmentId: string,
): Promise<{ size: number; bytes: AsyncIterable<Uint8Array> }> {
  const db = hub.database.db;
  await loadReadableChannel(db, actor, channelId);
  const attachment = await findAttachment(db, attachmentId);
  if (attachment?.channelId !== channelId) throw new AppError("not_found", "No such attachment.");
  return { size: attachment.size, bytes: attachmentBytes(db, attachmentId) };
}
