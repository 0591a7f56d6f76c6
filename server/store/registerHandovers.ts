import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "./executor";
import { handoverSteps, handovers, persons } from "./schema";

export type HandoverRow = typeof handovers.$inferSelect;
export type HandoverStepRow = typeof handoverSteps.$inferSelect;

/** A recorded step with the name of who recorded it. */
export interface HandoverStepRecord {
  step: HandoverStepRow;
  actorName: string;
}

export async function insertHandover(
  db: Executor,
  handover: typeof handovers.$inferInsert,
): Promise<HandoverRow> {
  const [row] = await db.insert(handovers).values(handover).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function findHandover(db: Executor, id: string): Promise<HandoverRow | undefined> {
  const [row] = await db.select().from(handovers).where(eq(handovers.id, id));
  return row;
}

/**
 * Moves a handover from `from` to the next status; undefined when another request moved it
 * first, so of two concurrent steps exactly one wins.
 */
export async function advanceHandover(
  db: Executor,
  id: string,
  from: HandoverRow["status"],
  changes: Pick<HandoverRow, "status" | "updatedAt"> &
    Partial<Pick<HandoverRow, "successorAssignmentId">>,
): Promise<HandoverRow | undefined> {
  const [row] = await db
    .update(handovers)
    .set(changes)
    .where(and(eq(handovers.id, id), eq(handovers.status, from)))
    .returning();
  return row;
}

export async function insertHandoverStep(
  db: Executor,
  step: typeof handoverSteps.$inferInsert,
): Promise<HandoverStepRow> {
  const [row] = await db.insert(handoverSteps).values(step).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** A post's handovers, oldest first. */
export function listHandoversOfPost(db: Executor, postId: string): Promise<HandoverRow[]> {
  return db
    .select()
    .from(handovers)
    .where(eq(handovers.postId, postId))
    .orderBy(asc(handovers.createdAt));
}

/** The steps of these handovers, in the order they were recorded. */
export function listStepsOfHandovers(
  db: Executor,
  handoverIds: readonly string[],
): Promise<HandoverStepRecord[]> {
  if (handoverIds.length === 0) return Promise.resolve([]);
  return db
    .select({ step: handoverSteps, actorName: persons.displayName })
    .from(handoverSteps)
    .innerJoin(persons, eq(persons.id, handoverSteps.actorPerson))
    .where(inArray(handoverSteps.handoverId, [...handoverIds]))
    .orderBy(asc(handoverSteps.recordedAt));
}
