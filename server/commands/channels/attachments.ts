import type { Readable } from "node:stream";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayWriteUpload } from "../../policies/channels";
import {
  attachmentBytes,
  countOpenUploads,
  deleteUpload,
  findAttachment,
  findUpload,
  insertAttachment,
  insertUpload,
  moveUploadIntoAttachment,
  putUploadPart,
  STORED_PART_BYTES,
  type UploadRow,
  uploadPartSizes,
} from "../../store/attachments";
import { loadReadableChannel } from "./channelRecords";

/** Bytes per part of an upload in parts: 1 MiB, four stored pieces. */
export const UPLOAD_PART_BYTES = 4 * STORED_PART_BYTES;

/** An upload that receives nothing for this long expires (the expiry job deletes it). */
export const UPLOAD_IDLE_MS = 60 * 60_000;

/** Uploads a device may have open at once (each bounded by `ATTACHMENT_MAX_BYTES`). */
export const MAX_OPEN_UPLOADS = 4;

/** Refuses an attachment larger than the hub's `ATTACHMENT_MAX_BYTES`. */
function refuseAboveLimit(hub: HubContext, size: number): void {
  const limit = hub.config.attachmentMaxBytes;
  if (size > limit) {
    throw new AppError("attachment_too_large", `An attachment holds at most ${limit} bytes.`);
  }
}

/** Cuts a stream into parts of {@link STORED_PART_BYTES}, refusing more than `limit` bytes in all. */
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
    while (pendingBytes >= STORED_PART_BYTES) {
      const joined = Buffer.concat(pending);
      parts.push(new Uint8Array(joined.subarray(0, STORED_PART_BYTES)));
      pending = [joined.subarray(STORED_PART_BYTES)];
      pendingBytes = joined.length - STORED_PART_BYTES;
    }
  }
  if (pendingBytes > 0) parts.push(new Uint8Array(Buffer.concat(pending)));
  return { parts, size };
}

/**
 * Stores an encrypted attachment (crypto_secretstream output, opaque to the hub) for a channel
 * the uploader reads, sent whole in one request. The size is checked as the bytes arrive; nothing
 * is stored unless all of it arrived within the limit. Kept for clients older than the upload in
 * parts ({@link startUpload}), which is what the SDK uses now.
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
  if (declaredLength !== undefined) refuseAboveLimit(hub, declaredLength);
  const { parts, size } = await readParts(body, hub.config.attachmentMaxBytes);
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

// ---- Uploads in parts (docs/protocol.md §10.6) ----------------------------------------------

/**
 * Starts an upload of `size` encrypted bytes to a channel the actor reads; the device then sends
 * the parts and completes it. Nothing is an attachment until then.
 */
export async function startUpload(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
  size: number,
): Promise<{ uploadId: string; partBytes: number }> {
  const db = hub.database.db;
  await loadReadableChannel(db, actor, channelId);
  refuseAboveLimit(hub, size);
  const uploadId = globalThis.crypto.randomUUID();
  const now = hub.now();
  if ((await countOpenUploads(db, actor.deviceId, now)) >= MAX_OPEN_UPLOADS) {
    throw new AppError(
      "too_many_uploads",
      `A device has at most ${MAX_OPEN_UPLOADS} uploads open: complete or abandon one first.`,
    );
  }
  await insertUpload(db, {
    id: uploadId,
    channelId,
    deviceId: actor.deviceId,
    size,
    partBytes: UPLOAD_PART_BYTES,
    createdAt: now,
    expiresAt: new Date(now.getTime() + UPLOAD_IDLE_MS),
  });
  return { uploadId, partBytes: UPLOAD_PART_BYTES };
}

/** The upload if it is live, of this channel and the actor's device; else it throws. */
function writableUpload(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
  upload: UploadRow | undefined,
): UploadRow {
  // An expired upload is gone for its device even before the job deletes it.
  if (upload === undefined || upload.channelId !== channelId || upload.expiresAt <= hub.now()) {
    throw new AppError(
      "unknown_upload",
      "No such upload: it was completed, expired or never started.",
    );
  }
  // Refused as if it did not exist: the answer must not tell another device that it does.
  if (!mayWriteUpload(actor, upload).allowed) {
    throw new AppError(
      "unknown_upload",
      "No such upload: it was completed, expired or never started.",
    );
  }
  return upload;
}

/** How many parts an upload has. */
function partCount(upload: UploadRow): number {
  return Math.ceil(upload.size / upload.partBytes);
}

/** The bytes of a part: the announced number, or null when there were more (the rest is dropped). */
function readPart(body: Readable, bytes: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const data = new Uint8Array(bytes);
    let received = 0;
    let settled = false;
    const settle = (value: Uint8Array | null) => {
      settled = true;
      resolve(value);
    };
    body.on("data", (chunk: Buffer) => {
      if (settled) return; // Past the limit: read and dropped, so the refusal can be answered.
      if (received + chunk.length > bytes) return settle(null);
      data.set(chunk, received);
      received += chunk.length;
    });
    body.once("end", () => {
      if (!settled) settle(received === bytes ? data : null);
    });
    body.once("error", (error) => {
      if (!settled) reject(error);
    });
    // A client that goes away mid-part: nothing to store, nobody to answer.
    body.once("close", () => {
      if (!settled) reject(new Error("the part was cut off"));
    });
  });
}

/**
 * Stores part `index` of an upload (a retry replaces it). Every part but the last holds exactly
 * `partBytes`, the last the rest of the announced size: anything else is `upload_size_mismatch`.
 */
export async function storeUploadPart(
  hub: HubContext,
  actor: AuthenticatedActor,
  params: { channelId: string; uploadId: string; index: number },
  body: Readable,
  declaredLength: number | undefined,
): Promise<void> {
  const { channelId, uploadId, index } = params;
  const db = hub.database.db;
  // Still a reader of the channel: a device removed meanwhile cannot keep its upload alive.
  await loadReadableChannel(db, actor, channelId);
  const upload = writableUpload(hub, actor, channelId, await findUpload(db, uploadId));
  const count = partCount(upload);
  if (index >= count) {
    const message = `This upload of ${upload.size} bytes has parts 0 to ${count - 1}.`;
    throw new AppError("upload_size_mismatch", message);
  }
  const expected = Math.min(upload.partBytes, upload.size - index * upload.partBytes);
  const mismatch = `Part ${index} of this upload holds exactly ${expected} bytes.`;
  if (declaredLength !== undefined && declaredLength !== expected) {
    throw new AppError("upload_size_mismatch", mismatch);
  }
  const data = await readPart(body, expected);
  if (data === null) throw new AppError("upload_size_mismatch", mismatch);
  await db.transaction(async (tx) => {
    // Locked: a completion running now waits for this part, or this part finds it gone.
    writableUpload(hub, actor, channelId, await findUpload(tx, uploadId, { lock: true }));
    await putUploadPart(tx, uploadId, index, data, new Date(hub.now().getTime() + UPLOAD_IDLE_MS));
  });
}

/**
 * Abandons an upload of the actor's device, its parts with it. Answered the same whether there
 * was such an upload or not (it may have expired, or belong to another device, which keeps it).
 */
export async function abandonUpload(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
  uploadId: string,
): Promise<void> {
  await deleteUpload(hub.database.db, { id: uploadId, channelId, deviceId: actor.deviceId });
}

/**
 * Completes an upload: refused with `upload_incomplete` while a part is missing and
 * `upload_size_mismatch` unless the parts add up to the announced size; otherwise the parts
 * become an attachment and the upload is gone, in one transaction.
 */
export async function completeUpload(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
  uploadId: string,
): Promise<{ attachmentId: string; size: number }> {
  const db = hub.database.db;
  await loadReadableChannel(db, actor, channelId);
  return db.transaction(async (tx) => {
    const upload = writableUpload(
      hub,
      actor,
      channelId,
      await findUpload(tx, uploadId, { lock: true }),
    );
    const parts = await uploadPartSizes(tx, uploadId);
    const received = new Set(parts.map((part) => part.part));
    const missing: number[] = [];
    for (let index = 0; index < partCount(upload) && missing.length < 10; index++) {
      if (!received.has(index)) missing.push(index);
    }
    if (missing.length > 0) {
      throw new AppError("upload_incomplete", `Parts missing: ${missing.join(", ")}.`);
    }
    const total = parts.reduce((sum, part) => sum + part.bytes, 0);
    if (total !== upload.size) {
      const message = `The parts hold ${total} bytes; the upload announced ${upload.size}.`;
      throw new AppError("upload_size_mismatch", message);
    }
    const attachmentId = globalThis.crypto.randomUUID();
    await moveUploadIntoAttachment(tx, upload, {
      id: attachmentId,
      channelId,
      uploaderDeviceId: actor.deviceId,
      size: upload.size,
      createdAt: hub.now(),
    });
    return { attachmentId, size: upload.size };
  });
}
