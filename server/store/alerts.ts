import { and, arrayOverlaps, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Executor } from "./executor";
import {
  alertDistributionLists,
  alertFollowUps,
  alertForwards,
  alertPermissionDecisions,
  alertPermissionRequests,
  alertRecipients,
  alerts,
  attachmentParts,
  attachments,
  attachmentUploads,
  messages,
  posts,
} from "./schema";

export type AlertRow = typeof alerts.$inferSelect;
export type AlertRecipientRow = typeof alertRecipients.$inferSelect;
export type FollowUpRow = typeof alertFollowUps.$inferSelect;
export type PermissionRequestRow = typeof alertPermissionRequests.$inferSelect;
export type PermissionDecisionRow = typeof alertPermissionDecisions.$inferSelect;
export type ForwardRow = typeof alertForwards.$inferSelect;
export type DistributionListRow = typeof alertDistributionLists.$inferSelect;

export async function insertAlert(
  db: Executor,
  alert: typeof alerts.$inferInsert,
  recipientPostIds: readonly string[],
): Promise<void> {
  await db.insert(alerts).values(alert);
  await db
    .insert(alertRecipients)
    .values(recipientPostIds.map((postId) => ({ alertId: alert.id, postId })));
}

export async function findAlert(db: Executor, id: string): Promise<AlertRow | undefined> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  return row;
}

/** Locks the alert's row for the rest of the transaction (updates and acks serialise on it). */
export async function lockAlert(db: Executor, id: string): Promise<AlertRow | undefined> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id)).for("update");
  return row;
}

export async function updateAlert(
  db: Executor,
  id: string,
  changes: Partial<Omit<typeof alerts.$inferInsert, "id">>,
): Promise<void> {
  await db.update(alerts).set(changes).where(eq(alerts.id, id));
}

/** The recipient posts of an alert, with their titles and countries. */
export function listRecipients(db: Executor, alertId: string) {
  return db
    .select({ recipient: alertRecipients, title: posts.title, country: posts.country })
    .from(alertRecipients)
    .innerJoin(posts, eq(posts.id, alertRecipients.postId))
    .where(eq(alertRecipients.alertId, alertId))
    .orderBy(asc(posts.country), asc(posts.title));
}

/** The recipient post ids of several alerts, by alert id. */
export async function recipientsOf(
  db: Executor,
  alertIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byAlert = new Map<string, string[]>();
  if (alertIds.length === 0) return byAlert;
  const rows = await db
    .select({ alertId: alertRecipients.alertId, postId: alertRecipients.postId })
    .from(alertRecipients)
    .where(inArray(alertRecipients.alertId, [...alertIds]))
    .orderBy(asc(alertRecipients.postId));
  for (const row of rows)
    byAlert.set(row.alertId, [...(byAlert.get(row.alertId) ?? []), row.postId]);
  return byAlert;
}

/** The alerts issued by, addressed to or forwarded to one of `postIds`, newest first. */
export async function alertsOfPosts(db: Executor, postIds: readonly string[]): Promise<AlertRow[]> {
  if (postIds.length === 0) return [];
  const ids = [...postIds];
  const received = db
    .select({ id: alertRecipients.alertId })
    .from(alertRecipients)
    .where(inArray(alertRecipients.postId, ids));
  const forwarded = db
    .select({ id: alertForwards.alertId })
    .from(alertForwards)
    .where(arrayOverlaps(alertForwards.toPostIds, ids));
  return db
    .select()
    .from(alerts)
    .where(
      or(
        inArray(alerts.issuerPostId, ids),
        inArray(alerts.id, received),
        inArray(alerts.id, forwarded),
      ),
    )
    .orderBy(sql`${alerts.createdAt} desc`);
}

/** Records a post's acknowledgement of `version` (never moves back to an older version). */
export async function recordAcknowledgement(
  db: Executor,
  ack: { alertId: string; postId: string; version: number; at: Date; deviceId: string },
): Promise<void> {
  await db
    .update(alertRecipients)
    .set({
      acknowledgedVersion: ack.version,
      acknowledgedAt: ack.at,
      acknowledgedByDevice: ack.deviceId,
    })
    .where(
      and(
        eq(alertRecipients.alertId, ack.alertId),
        eq(alertRecipients.postId, ack.postId),
        or(
          isNull(alertRecipients.acknowledgedVersion),
          lte(alertRecipients.acknowledgedVersion, ack.version),
        ),
      ),
    );
}

export async function insertFollowUp(db: Executor, row: FollowUpRow): Promise<void> {
  await db.insert(alertFollowUps).values(row);
}

export async function findFollowUp(db: Executor, id: string): Promise<FollowUpRow | undefined> {
  const [row] = await db.select().from(alertFollowUps).where(eq(alertFollowUps.id, id));
  return row;
}

export function listFollowUps(db: Executor, alertId: string): Promise<FollowUpRow[]> {
  return db
    .select()
    .from(alertFollowUps)
    .where(eq(alertFollowUps.alertId, alertId))
    .orderBy(asc(alertFollowUps.createdAt));
}

export async function insertPermissionRequest(db: Executor, row: PermissionRequestRow) {
  await db.insert(alertPermissionRequests).values(row);
}

export async function findPermissionRequest(
  db: Executor,
  id: string,
): Promise<PermissionRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(alertPermissionRequests)
    .where(eq(alertPermissionRequests.id, id));
  return row;
}

export function listPermissionRequests(
  db: Executor,
  alertId: string,
): Promise<PermissionRequestRow[]> {
  return db
    .select()
    .from(alertPermissionRequests)
    .where(eq(alertPermissionRequests.alertId, alertId))
    .orderBy(asc(alertPermissionRequests.requestedAt));
}

export async function insertPermissionDecision(db: Executor, row: PermissionDecisionRow) {
  await db.insert(alertPermissionDecisions).values(row);
}

/** The decisions on the permission requests of an alert, oldest first. */
export function listPermissionDecisions(db: Executor, alertId: string) {
  return db
    .select({ decision: alertPermissionDecisions, request: alertPermissionRequests })
    .from(alertPermissionDecisions)
    .innerJoin(
      alertPermissionRequests,
      eq(alertPermissionRequests.id, alertPermissionDecisions.requestId),
    )
    .where(eq(alertPermissionRequests.alertId, alertId))
    .orderBy(asc(alertPermissionDecisions.decidedAt));
}

export async function insertForward(db: Executor, row: ForwardRow): Promise<void> {
  await db.insert(alertForwards).values(row);
}

export function listForwards(db: Executor, alertId: string): Promise<ForwardRow[]> {
  return db
    .select()
    .from(alertForwards)
    .where(eq(alertForwards.alertId, alertId))
    .orderBy(asc(alertForwards.forwardedAt));
}

export async function insertDistributionList(db: Executor, row: DistributionListRow) {
  await db.insert(alertDistributionLists).values(row);
}

export async function findDistributionList(
  db: Executor,
  id: string,
): Promise<DistributionListRow | undefined> {
  const [row] = await db
    .select()
    .from(alertDistributionLists)
    .where(eq(alertDistributionLists.id, id));
  return row;
}

export function listDistributionLists(db: Executor): Promise<DistributionListRow[]> {
  return db.select().from(alertDistributionLists).orderBy(asc(alertDistributionLists.name));
}

// ---- Jobs ----------------------------------------------------------------------------------------

/**
 * Marks as reminded, and returns, the recipient posts of active urgent alerts whose current
 * version was issued at or before `cutoff` and that have neither acknowledged nor been reminded
 * of that version. The update is the claim: a pass on another hub finds nothing left to remind.
 */
export async function claimDueReminders(
  db: Executor,
  cutoff: Date,
  now: Date,
): Promise<{ alertId: string; postId: string; version: number }[]> {
  const due = await db
    .select({ alertId: alerts.id, postId: alertRecipients.postId, version: alerts.version })
    .from(alerts)
    .innerJoin(alertRecipients, eq(alertRecipients.alertId, alerts.id))
    .where(
      and(
        eq(alerts.urgent, true),
        isNull(alerts.withdrawnAt),
        isNull(alerts.expiredAt),
        lte(alerts.updatedAt, cutoff),
        or(
          isNull(alertRecipients.acknowledgedVersion),
          sql`${alertRecipients.acknowledgedVersion} < ${alerts.version}`,
        ),
        or(
          isNull(alertRecipients.remindedVersion),
          sql`${alertRecipients.remindedVersion} < ${alerts.version}`,
        ),
      ),
    );
  const claimed: { alertId: string; postId: string; version: number }[] = [];
  for (const row of due) {
    const updated = await db
      .update(alertRecipients)
      .set({ remindedVersion: row.version, remindedAt: now })
      .where(
        and(
          eq(alertRecipients.alertId, row.alertId),
          eq(alertRecipients.postId, row.postId),
          or(
            isNull(alertRecipients.remindedVersion),
            sql`${alertRecipients.remindedVersion} < ${row.version}`,
          ),
        ),
      )
      .returning({ postId: alertRecipients.postId });
    if (updated.length > 0) claimed.push(row);
  }
  return claimed;
}

/** The reminders still open for `postIds`: reminded of a version they have not acknowledged. */
export function openReminders(db: Executor, postIds: readonly string[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      alertId: alertRecipients.alertId,
      postId: alertRecipients.postId,
      version: alertRecipients.remindedVersion,
      remindedAt: alertRecipients.remindedAt,
    })
    .from(alertRecipients)
    .innerJoin(alerts, eq(alerts.id, alertRecipients.alertId))
    .where(
      and(
        inArray(alertRecipients.postId, [...postIds]),
        isNull(alerts.withdrawnAt),
        isNull(alerts.expiredAt),
        sql`${alertRecipients.remindedVersion} is not null`,
        or(
          isNull(alertRecipients.acknowledgedVersion),
          sql`${alertRecipients.acknowledgedVersion} < ${alertRecipients.remindedVersion}`,
        ),
      ),
    )
    .orderBy(asc(alertRecipients.remindedAt));
}

/** Alerts past their expiry that the hub has not purged yet. */
export function dueExpiries(db: Executor, now: Date): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(and(isNull(alerts.expiredAt), lte(alerts.expiresAt, now)));
}

/** Deletes a channel's stored messages and attachments (ciphertext): the content purge. */
export async function purgeChannelContent(db: Executor, channelId: string): Promise<void> {
  const stored = db
    .select({ id: attachments.id })
    .from(attachments)
    .where(eq(attachments.channelId, channelId));
  await db.delete(attachmentParts).where(inArray(attachmentParts.attachmentId, stored));
  await db.delete(attachments).where(eq(attachments.channelId, channelId));
  // Uploads still in progress too (their parts go with them): none may complete afterwards.
  await db.delete(attachmentUploads).where(eq(attachmentUploads.channelId, channelId));
  await db.delete(messages).where(eq(messages.channelId, channelId));
}

/**
 * Leaves an expired alert's minimal metadata: the follow-ups' metadata goes, and so do the free
 * texts of permission requests and decisions; the alert row, its recipients and
 * acknowledgements (the record of who was told and who read) stay.
 */
export async function minimiseExpiredAlert(db: Executor, alertId: string, now: Date) {
  await db.delete(alertFollowUps).where(eq(alertFollowUps.alertId, alertId));
  const requests = db
    .select({ id: alertPermissionRequests.id })
    .from(alertPermissionRequests)
    .where(eq(alertPermissionRequests.alertId, alertId));
  await db
    .update(alertPermissionDecisions)
    .set({ conditions: null })
    .where(inArray(alertPermissionDecisions.requestId, requests));
  await db
    .update(alertPermissionRequests)
    .set({ justification: "" })
    .where(eq(alertPermissionRequests.alertId, alertId));
  await db.update(alerts).set({ expiredAt: now }).where(eq(alerts.id, alertId));
}
