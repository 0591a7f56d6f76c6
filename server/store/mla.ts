import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import type { DeadlineNoticeKind } from "#shared/mla/lifecycleVocabulary";
import type { Executor } from "./executor";
import { logLeaves, mlaNotices, mlaRequests, mlaTransitions } from "./schema";

export type MlaRequestRow = typeof mlaRequests.$inferSelect;
export type MlaTransitionRow = typeof mlaTransitions.$inferSelect;
export type MlaNoticeRow = typeof mlaNotices.$inferSelect;

export async function insertMlaRequest(db: Executor, row: MlaRequestRow): Promise<void> {
  await db.insert(mlaRequests).values(row);
}

export async function findMlaRequest(db: Executor, id: string): Promise<MlaRequestRow | undefined> {
  const [row] = await db.select().from(mlaRequests).where(eq(mlaRequests.id, id));
  return row;
}

/** Locks the request's row for the rest of the transaction: transitions serialise on it. */
export async function lockMlaRequest(db: Executor, id: string): Promise<MlaRequestRow | undefined> {
  const [row] = await db.select().from(mlaRequests).where(eq(mlaRequests.id, id)).for("update");
  return row;
}

export async function updateMlaRequest(
  db: Executor,
  id: string,
  changes: Pick<MlaRequestRow, "status" | "awaitingInformation" | "updatedAt">,
): Promise<void> {
  await db.update(mlaRequests).set(changes).where(eq(mlaRequests.id, id));
}

export async function insertMlaTransition(
  db: Executor,
  row: Omit<typeof mlaTransitions.$inferInsert, "id">,
): Promise<void> {
  await db.insert(mlaTransitions).values(row);
}

/** A request's transitions, oldest first, with the log position of each signed entry. */
export function listMlaTransitions(db: Executor, requestId: string) {
  return db
    .select({ transition: mlaTransitions, logIndex: logLeaves.index })
    .from(mlaTransitions)
    .leftJoin(logLeaves, eq(logLeaves.leafHash, mlaTransitions.leafHash))
    .where(eq(mlaTransitions.requestId, requestId))
    .orderBy(asc(mlaTransitions.id));
}

/**
 * The requests where one of `postIds` is a party, or, for `countries` (a coordinator's), where
 * the country is the requesting or the requested one; newest first.
 */
export function mlaRequestsOf(
  db: Executor,
  scope: { postIds: readonly string[]; countries: readonly string[] },
): Promise<MlaRequestRow[]> {
  const conditions = [];
  if (scope.postIds.length > 0) {
    const ids = [...scope.postIds];
    conditions.push(inArray(mlaRequests.requestingPostId, ids));
    conditions.push(inArray(mlaRequests.requestedPostId, ids));
  }
  if (scope.countries.length > 0) {
    const countries = [...scope.countries];
    conditions.push(inArray(mlaRequests.requestingCountry, countries));
    conditions.push(inArray(mlaRequests.requestedCountry, countries));
  }
  if (conditions.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(mlaRequests)
    .where(or(...conditions))
    .orderBy(desc(mlaRequests.sentAt));
}

// ---- Deadline jobs -------------------------------------------------------------------------------

/** The requests with a deadline that the requested side still owes an answer to. */
export function requestsAwaitingAnswer(db: Executor): Promise<MlaRequestRow[]> {
  return db
    .select()
    .from(mlaRequests)
    .where(
      inArray(mlaRequests.status, ["sent", "acknowledged", "in_execution", "partially_executed"]),
    );
}

/** The notices already sent for these requests. */
export function noticesOf(db: Executor, requestIds: readonly string[]): Promise<MlaNoticeRow[]> {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(mlaNotices)
    .where(inArray(mlaNotices.requestId, [...requestIds]));
}

/**
 * Records a notice unless it was already sent; true when this call recorded it. The insert is
 * the claim: a pass on another hub finds it taken.
 */
export async function claimNotice(
  db: Executor,
  notice: { requestId: string; kind: DeadlineNoticeKind; dueAt: Date; sentAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(mlaNotices)
    .values(notice)
    .onConflictDoNothing()
    .returning({ requestId: mlaNotices.requestId });
  return inserted.length > 0;
}

/** The notices sent about the requests of `scope` (see {@link mlaRequestsOf}), newest first. */
export function noticesWithRequests(
  db: Executor,
  scope: { postIds: readonly string[]; countries: readonly string[] },
) {
  const conditions = [];
  if (scope.postIds.length > 0) {
    const ids = [...scope.postIds];
    conditions.push(inArray(mlaRequests.requestingPostId, ids));
    conditions.push(inArray(mlaRequests.requestedPostId, ids));
  }
  if (scope.countries.length > 0) {
    conditions.push(inArray(mlaRequests.requestedCountry, [...scope.countries]));
  }
  if (conditions.length === 0) return Promise.resolve([]);
  return db
    .select({ notice: mlaNotices, request: mlaRequests })
    .from(mlaNotices)
    .innerJoin(mlaRequests, eq(mlaRequests.id, mlaNotices.requestId))
    .where(and(or(...conditions)))
    .orderBy(desc(mlaNotices.sentAt));
}
