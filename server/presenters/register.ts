import type {
  AssignmentView,
  HandoverView,
  OrganisationView,
  PostView,
  ReminderView,
} from "#shared/api/register";
import type { AssignmentRecord } from "../store/registerAssignments";
import type { HandoverRow, HandoverStepRecord } from "../store/registerHandovers";
import type { OrganisationRow } from "../store/registerOrganisations";
import type { PostWithOrganisation } from "../store/registerPosts";
import type { ReminderRecord } from "../store/registerReminders";

const DAY_MS = 86_400_000;

/** What clients see of an organisation. */
export function presentOrganisation(row: OrganisationRow): OrganisationView {
  return {
    id: row.id,
    country: row.country,
    name: row.name,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Stale: nobody confirmed the details (or created the post) within `staleAfterDays`. */
export function isStale(
  post: { confirmedAt: Date | null; createdAt: Date },
  now: Date,
  staleAfterDays: number,
): boolean {
  const basis = post.confirmedAt ?? post.createdAt;
  return now.getTime() - basis.getTime() > staleAfterDays * DAY_MS;
}

/** Whoever acts as holder: the holder, or failing one the interim holder. */
export function actingHolder(current: readonly AssignmentRecord[]): AssignmentRecord | undefined {
  return (
    current.find((record) => record.assignment.role === "holder") ??
    current.find((record) => record.assignment.role === "interim")
  );
}

/**
 * A directory entry. `current` are the post's running assignments: only their display names
 * are shown, which everyone signed in may see.
 */
export function presentPost(
  { post, organisation }: PostWithOrganisation,
  current: readonly AssignmentRecord[],
  now: Date,
  staleAfterDays: number,
): PostView {
  const holder = actingHolder(current);
  const assignee = (record: AssignmentRecord) => ({
    assignmentId: record.assignment.id,
    personId: record.assignment.personId,
    displayName: record.personName,
    role: record.assignment.role,
  });
  return {
    id: post.id,
    country: post.country,
    organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
    title: post.title,
    thematicAreas: post.thematicAreas,
    workingLanguages: post.workingLanguages,
    contactChannels: post.contactChannels,
    timeZone: post.timeZone,
    deputyPostId: post.deputyPostId,
    confirmedAt: post.confirmedAt?.toISOString() ?? null,
    stale: isStale(post, now, staleAfterDays),
    vacant: holder === undefined,
    holder: holder ? assignee(holder) : null,
    deputies: current.filter((record) => record.assignment.role === "deputy").map(assignee),
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}

/** An assignment as its post's history shows it: names and ids, never persons' details. */
export function presentAssignment(record: AssignmentRecord): AssignmentView {
  const { assignment } = record;
  return {
    id: assignment.id,
    postId: assignment.postId,
    person: { id: assignment.personId, displayName: record.personName },
    role: assignment.role,
    startsAt: assignment.startsAt.toISOString(),
    endsAt: assignment.endsAt?.toISOString() ?? null,
    reason: assignment.reason,
    endReason: assignment.endReason,
    decidedBy: {
      personId: assignment.decidedByPerson,
      displayName: record.decidedByName,
      deviceId: assignment.decidedByDevice,
    },
    endedBy:
      assignment.endedByPerson && assignment.endedByDevice
        ? {
            personId: assignment.endedByPerson,
            displayName: record.endedByName ?? "",
            deviceId: assignment.endedByDevice,
          }
        : null,
    handoverId: assignment.handoverId,
  };
}

/** A handover with its steps, picked from `steps` (which may hold other handovers' steps). */
export function presentHandover(
  row: HandoverRow,
  steps: readonly HandoverStepRecord[],
): HandoverView {
  return {
    id: row.id,
    postId: row.postId,
    status: row.status,
    predecessorAssignmentId: row.predecessorAssignmentId,
    predecessorPersonId: row.predecessorPersonId,
    successorPersonId: row.successorPersonId,
    successorAssignmentId: row.successorAssignmentId,
    reason: row.reason,
    steps: steps
      .filter(({ step }) => step.handoverId === row.id)
      .map(({ step, actorName }) => ({
        step: step.step,
        by: { personId: step.actorPerson, displayName: actorName, deviceId: step.actorDevice },
        recordedAt: step.recordedAt.toISOString(),
        at: step.claimedAt.toISOString(),
        note: step.note,
      })),
  };
}

/** A reminder with the post it is about. */
export function presentReminder({ reminder, postTitle, country }: ReminderRecord): ReminderView {
  return {
    id: reminder.id,
    kind: reminder.kind,
    postId: reminder.postId,
    postTitle,
    country,
    since: reminder.since.toISOString(),
    createdAt: reminder.createdAt.toISOString(),
    resolvedAt: reminder.resolvedAt?.toISOString() ?? null,
  };
}
