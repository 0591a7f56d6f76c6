import { and, asc, eq, gte, lt } from "drizzle-orm";
import type { Executor } from "./executor";
import { attachmentParts, attachments } from "./schema";

export type AttachmentRow = typeof attachments.$inferSelect;

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
