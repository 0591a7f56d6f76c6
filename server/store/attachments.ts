import { and, asc, count, eq, gt, gte, lt, lte, sql } from "drizzle-orm";
import type { Executor } from "./executor";
import { attachmentParts, attachments, attachmentUploadParts, attachmentUploads } from "./schema";

export type AttachmentRow = typeof attachments.$inferSelect;
export type UploadRow = typeof attachmentUploads.$inferSelect;

/** Bytes per stored piece of an attachment (`attachment_parts`), whichever way it came up. */
export const STORED_PART_BYTES = 256 * 1024;

export async function insertAttachment(
  db: Executor,
  attachment: AttachmentRow,
  parts: readonly Uint8Array[],
): Promise<void> {
  await db.insert(attachments).values(attachment);
  for (const [part, data] of parts.entries()) {
    await db.insert(attachmentParts).values({ attachmentId: attachment.id, part, data });
  }
}

export async function findAttachment(db: Executor, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

/** The attachment's parts, a few at a time, so a large one is never all in memory. */
export async function* attachmentBytes(
  db: Executor,
  attachmentId: string,
  partsPerQuery = 8,
): AsyncGenerator<Uint8Array> {
  for (let from = 0; ; from += partsPerQuery) {
    const rows = await db
      .select({ data: attachmentParts.data })
      .from(attachmentParts)
      .where(
        and(
          eq(attachmentParts.attachmentId, attachmentId),
          gte(attachmentParts.part, from),
          lt(attachmentParts.part, from + partsPerQuery),
        ),
      )
      .orderBy(asc(attachmentParts.part));
    for (const row of rows) yield row.data;
    if (rows.length < partsPerQuery) return;
  }
}

// ---- Uploads in parts -------------------------------------------------------------------------

export async function insertUpload(db: Executor, upload: UploadRow): Promise<void> {
  await db.insert(attachmentUploads).values(upload);
}

/** How many uploads a device has open (not expired) at `now`. */
export async function countOpenUploads(db: Executor, deviceId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ open: count() })
    .from(attachmentUploads)
    .where(and(eq(attachmentUploads.deviceId, deviceId), gt(attachmentUploads.expiresAt, now)));
  return row?.open ?? 0;
}

/** Deletes an upload of this channel and device, if there is one, its parts with it. */
export async function deleteUpload(
  db: Executor,
  upload: { id: string; channelId: string; deviceId: string },
): Promise<void> {
  await db
    .delete(attachmentUploads)
    .where(
      and(
        eq(attachmentUploads.id, upload.id),
        eq(attachmentUploads.channelId, upload.channelId),
        eq(attachmentUploads.deviceId, upload.deviceId),
      ),
    );
}

/** An upload; with `lock`, its row stays locked until the transaction ends. */
export async function findUpload(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<UploadRow | undefined> {
  const query = db.select().from(attachmentUploads).where(eq(attachmentUploads.id, id));
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

/** Stores part `part` of an upload, replacing an earlier copy, and moves its expiry forward. */
export async function putUploadPart(
  db: Executor,
  uploadId: string,
  part: number,
  data: Uint8Array,
  expiresAt: Date,
): Promise<void> {
  // Sent as base64 text and decoded by the database: PGlite binds a large bytea parameter
  // many times slower (about 0.3 s per MiB against 15 ms), and PostgreSQL takes either.
  const encoded = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
  await db.execute(sql`
    insert into attachment_upload_parts (upload_id, part, data)
    values (${uploadId}::uuid, ${part}::int, decode(${encoded}, 'base64'))
    on conflict (upload_id, part) do update set data = excluded.data`);
  await db.update(attachmentUploads).set({ expiresAt }).where(eq(attachmentUploads.id, uploadId));
}

/** The parts received so far with their sizes, in order. */
export async function uploadPartSizes(
  db: Executor,
  uploadId: string,
): Promise<{ part: number; bytes: number }[]> {
  return db
    .select({
      part: attachmentUploadParts.part,
      bytes: sql<number>`octet_length(${attachmentUploadParts.data})::int`,
    })
    .from(attachmentUploadParts)
    .where(eq(attachmentUploadParts.uploadId, uploadId))
    .orderBy(asc(attachmentUploadParts.part));
}

/**
 * Turns a complete upload into an attachment: the row, the bytes copied into pieces of
 * {@link STORED_PART_BYTES} (numbered on, as the download reads them), then the upload deleted.
 * Run it in the transaction that locked the upload.
 */
export async function moveUploadIntoAttachment(
  db: Executor,
  upload: UploadRow,
  attachment: AttachmentRow,
): Promise<void> {
  if (upload.partBytes % STORED_PART_BYTES !== 0) {
    throw new Error("an upload's part size must be a whole number of stored pieces");
  }
  const pieces = upload.partBytes / STORED_PART_BYTES;
  await db.insert(attachments).values(attachment);
  // Every part but the last is full, so the pieces are numbered without a hole.
  await db.execute(sql`
    insert into attachment_parts (attachment_id, part, data)
    select ${attachment.id}::uuid, p.part * ${pieces}::int + s.i,
      substring(p.data from s.i * ${STORED_PART_BYTES}::int + 1 for ${STORED_PART_BYTES}::int)
    from attachment_upload_parts p
    cross join generate_series(0, ${pieces - 1}::int) as s(i)
    where p.upload_id = ${upload.id}::uuid and octet_length(p.data) > s.i * ${STORED_PART_BYTES}::int`);
  await db.delete(attachmentUploads).where(eq(attachmentUploads.id, upload.id));
}

/** Deletes the uploads idle since before `now`, their parts with them; returns how many. */
export async function deleteExpiredUploads(db: Executor, now: Date): Promise<number> {
  const deleted = await db
    .delete(attachmentUploads)
    .where(lte(attachmentUploads.expiresAt, now))
    .returning({ id: attachmentUploads.id });
  return deleted.length;
}
