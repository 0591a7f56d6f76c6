import { and, asc, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "./executor";
import { assignments, persons } from "./schema";

export type AssignmentRow = typeof assignments.$inferSelect;

/** An assignment with the names of its person, of who decided it and of who ended it. */
export interface AssignmentRecord {
  assignment: AssignmentRow;
  personName: string;
  decidedByName: string;
  endedByName: string | null;
}

const assignee = alias(persons, "assignee");
const decider = alias(persons, "decider");
const ender = alias(persons, "ender");

function selectRecords(db: Executor) {
  return db
    .select({
      assignment: assignments,
      personName: assignee.displayName,
      decidedByName: decider.displayName,
      endedByName: ender.displayName,
    })
    .from(assignments)
    .innerJoin(assignee, eq(assignee.id, assignments.personId))
    .innerJoin(decider, eq(decider.id, assignments.decidedByPerson))
    .leftJoin(ender, eq(ender.id, assignments.endedByPerson));
}

/** Assignments whose [starts_at, ends_at) meets [from, to). */
function overlapping(from: Date, to: Date) {
  return and(
    lt(assignments.startsAt, to),
    or(isNull(assignments.endsAt), gt(assignments.endsAt, from)),
  );
}

export async function insertAssignment(
  db: Executor,
  assignment: typeof assignments.$inferInsert,
): Promise<AssignmentRow> {
  const [row] = await db.insert(assignments).values(assignment).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function findAssignment(db: Executor, id: string): Promise<AssignmentRow | undefined> {
  const [row] = await db.select().from(assignments).where(eq(assignments.id, id));
  return row;
}

/** An assignment with the names of its person and deciding authorities. */
export async function findAssignmentRecord(
  db: Executor,
  id: string,
): Promise<AssignmentRecord | undefined> {
  const [row] = await selectRecords(db).where(eq(assignments.id, id));
  return row;
}

/** A post's whole history, oldest first. */
export function listAssignmentRecordsOfPost(
  db: Executor,
  postId: string,
): Promise<AssignmentRecord[]> {
  return selectRecords(db)
    .where(eq(assignments.postId, postId))
    .orderBy(asc(assignments.startsAt), asc(assignments.createdAt));
}

/** The assignments of a post that were running at some time during [from, to). */
export function listAssignmentRecordsDuring(
  db: Executor,
  postId: string,
  from: Date,
  to: Date,
): Promise<AssignmentRecord[]> {
  return selectRecords(db)
    .where(and(eq(assignments.postId, postId), overlapping(from, to)))
    .orderBy(asc(assignments.startsAt), asc(assignments.createdAt));
}

/** The assignments running at `now` on each of these posts. */
export function listCurrentAssignmentRecords(
  db: Executor,
  postIds: readonly string[],
  now: Date,
): Promise<AssignmentRecord[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return selectRecords(db)
    .where(
      and(inArray(assignments.postId, [...postIds]), overlapping(now, new Date(now.getTime() + 1))),
    )
    .orderBy(asc(assignments.startsAt));
}

/**
 * The assignments of a post in one of `roles`, or of one person, that run at `from` or start
 * later: what a new open-ended assignment from `from` would overlap.
 */
export function listAssignmentsFrom(
  db: Executor,
  postId: string,
  from: Date,
  who: { roles: AssignmentRow["role"][]; personId: string },
): Promise<AssignmentRow[]> {
  return db
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.postId, postId),
        or(isNull(assignments.endsAt), gt(assignments.endsAt, from)),
        or(inArray(assignments.role, who.roles), eq(assignments.personId, who.personId)),
      ),
    );
}

/** Ends an open assignment; undefined when it was already ended. */
export async function endAssignment(
  db: Executor,
  id: string,
  end: Pick<AssignmentRow, "endsAt" | "endReason" | "endedByPerson" | "endedByDevice">,
): Promise<AssignmentRow | undefined> {
  const [row] = await db
    .update(assignments)
    .set(end)
    .where(and(eq(assignments.id, id), isNull(assignments.endsAt)))
    .returning();
  return row;
}

/** Every assignment of these posts, for the reminder job (vacancy start). */
export function listAssignmentsOfPosts(
  db: Executor,
  postIds: readonly string[],
): Promise<AssignmentRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(assignments)
    .where(inArray(assignments.postId, [...postIds]));
}
