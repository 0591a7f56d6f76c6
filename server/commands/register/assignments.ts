import type { z } from "zod";
import type {
  AssignmentView,
  endAssignmentBodySchema,
  startAssignmentBodySchema,
} from "#shared/api/register";
import { assignmentEndedEntry, assignmentStartedEntry } from "#shared/log/registerEntryBuilders";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { actorSignedLeaf } from "../../identity/logLeaves";
import type { AuthenticatedActor } from "../../policies/actor";
import { canManageCountry } from "../../policies/register";
import { presentAssignment } from "../../presenters/register";
import type { Executor } from "../../store/executor";
import { findPersonById, type PersonRow } from "../../store/persons";
import {
  type AssignmentRow,
  endAssignment,
  findAssignment,
  findAssignmentRecord,
  insertAssignment,
  listAssignmentsFrom,
} from "../../store/registerAssignments";
import { resolveReminders } from "../../store/registerReminders";
import { enforce, loadPost } from "./postRecords";

const outsideAuthority = "This post is outside your authority.";

/**
 * Who may be assigned to a post of `country`: a person of that country who is not suspended.
 * Invited persons may be, so that a successor can be named before they enrol.
 */
export async function assignablePerson(
  db: Executor,
  personId: string,
  country: string,
  path: string,
): Promise<PersonRow> {
  const person = await findPersonById(db, personId);
  if (!person) throw new AppError("not_found", "No such person.");
  if (person.country !== country) {
    throw new AppError("validation_failed", "Posts are held by persons of their country.", [
      { path, message: `must be a person of ${country}` },
    ]);
  }
  if (person.status === "suspended") throw new AppError("conflict", "This person is suspended.");
  return person;
}

/**
 * Refuses an open-ended assignment from `from` that would overlap another of the same person on
 * the post, or another holder (or interim holder) when `role` is one: a post has one holder at
 * a time, and changes hands through a handover or by ending the current assignment first.
 */
export async function assertNoOverlap(
  db: Executor,
  postId: string,
  from: Date,
  role: AssignmentRow["role"],
  personId: string,
): Promise<void> {
  const roles = role === "deputy" ? [] : [role];
  const overlapping = await listAssignmentsFrom(db, postId, from, { roles, personId });
  if (overlapping.length > 0) {
    throw new AppError(
      "conflict",
      role === "deputy"
        ? "This person is already assigned to this post then."
        : `This post already has a ${role} then: end that assignment or hand the post over.`,
    );
  }
}

/** Starts an assignment, logged as `assignment-started` signed by the deciding authority. */
export async function startAssignment(
  hub: HubContext,
  actor: AuthenticatedActor,
  postId: string | null,
  body: z.infer<typeof startAssignmentBodySchema>,
): Promise<AssignmentView> {
  const db = hub.database.db;
  const { record } = await loadPost(hub, db, postId);
  const post = record.post;
  enforce(canManageCountry(actor, post.country), outsideAuthority);
  await assignablePerson(db, body.personId, post.country, "body.personId");
  if (await findAssignment(db, body.assignmentId)) {
    throw new AppError("conflict", "This assignment id is taken.");
  }
  const startsAt = new Date(body.startsAt);
  await assertNoOverlap(db, post.id, startsAt, body.role, body.personId);
  const { log, ...fields } = body;
  const now = hub.now();
  await db.transaction(async (tx) => {
    const entry = assignmentStartedEntry(post.id, fields, log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    await insertAssignment(tx, {
      id: fields.assignmentId,
      postId: post.id,
      personId: fields.personId,
      role: fields.role,
      startsAt,
      reason: fields.reason,
      decidedByPerson: actor.personId,
      decidedByDevice: actor.deviceId,
      createdAt: now,
    });
    if (fields.role !== "deputy" && startsAt <= now) {
      await resolveReminders(tx, post.id, "vacant_post", now);
    }
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return presentAssignment(await assignmentRecord(db, fields.assignmentId));
}

/** Ends an open assignment, logged as `assignment-ended`. History keeps the ended assignment. */
export async function finishAssignment(
  hub: HubContext,
  actor: AuthenticatedActor,
  assignmentId: string | null,
  body: z.infer<typeof endAssignmentBodySchema>,
): Promise<AssignmentView> {
  const db = hub.database.db;
  const assignment = assignmentId ? await findAssignment(db, assignmentId) : undefined;
  if (!assignment) throw new AppError("not_found", "No such assignment.");
  const { record } = await loadPost(hub, db, assignment.postId);
  enforce(canManageCountry(actor, record.post.country), outsideAuthority);
  if (body.postId !== assignment.postId || body.personId !== assignment.personId) {
    throw new AppError("conflict", "This assignment is of another post or person.");
  }
  if (assignment.endsAt) throw new AppError("conflict", "This assignment has already ended.");
  const endsAt = new Date(body.endsAt);
  if (endsAt <= assignment.startsAt) {
    throw new AppError("validation_failed", "An assignment ends after it starts.", [
      { path: "body.endsAt", message: "must be after the assignment's start" },
    ]);
  }
  const { log, ...fields } = body;
  await db.transaction(async (tx) => {
    const entry = assignmentEndedEntry(assignment.id, fields, log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    const ended = await endAssignment(tx, assignment.id, {
      endsAt,
      endReason: fields.reason,
      endedByPerson: actor.personId,
      endedByDevice: actor.deviceId,
    });
    if (!ended) throw new AppError("conflict", "This assignment has already ended.");
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return presentAssignment(await assignmentRecord(db, assignment.id));
}

async function assignmentRecord(db: Executor, id: string) {
  const found = await findAssignmentRecord(db, id);
  if (!found) throw new AppError("not_found", "No such assignment.");
  return found;
}
