import { randomUUID } from "node:crypto";
import type { LogSignature } from "#shared/api/identity";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import type { Tx } from "../../store/executor";
import { endAssignment, findAssignment, insertAssignment } from "../../store/registerAssignments";
import {
  advanceHandover,
  type HandoverRow,
  insertHandoverStep,
} from "../../store/registerHandovers";
import { resolveReminders } from "../../store/registerReminders";
import { assertNoOverlap } from "./assignments";

/** Records one step of a handover by the acting authority's device. */
export async function recordStep(
  tx: Tx,
  hub: HubContext,
  actor: AuthenticatedActor,
  handoverId: string,
  step: HandoverRow["status"],
  log: LogSignature,
  note: string | null,
): Promise<void> {
  await insertHandoverStep(tx, {
    id: randomUUID(),
    handoverId,
    step,
    actorPerson: actor.personId,
    actorDevice: actor.deviceId,
    recordedAt: hub.now(),
    claimedAt: new Date(log.at),
    note,
  });
}

/**
 * The register side of "A's assignment ends, B's begins": ends the predecessor's assignment and
 * starts the successor's as holder, both at the signed time, then closes the handover. Runs in
 * the caller's transaction, so either all of it happens or none.
 */
export async function completeHandoverInTransaction(
  tx: Tx,
  hub: HubContext,
  actor: AuthenticatedActor,
  handover: HandoverRow,
  assignmentId: string,
  log: LogSignature,
): Promise<void> {
  const at = new Date(log.at);
  if (await findAssignment(tx, assignmentId)) {
    throw new AppError("conflict", "This assignment id is taken.");
  }
  if (handover.predecessorAssignmentId) {
    const predecessor = await findAssignment(tx, handover.predecessorAssignmentId);
    if (predecessor && predecessor.startsAt >= at) {
      throw new AppError("conflict", "The predecessor's assignment starts after this handover.");
    }
    const ended = await endAssignment(tx, handover.predecessorAssignmentId, {
      endsAt: at,
      endReason: `Handover: ${handover.reason}`,
      endedByPerson: actor.personId,
      endedByDevice: actor.deviceId,
    });
    if (!ended) {
      throw new AppError("conflict", "The predecessor's assignment ended meanwhile: cancel this.");
    }
  }
  await assertNoOverlap(tx, handover.postId, at, "holder", handover.successorPersonId);
  await insertAssignment(tx, {
    id: assignmentId,
    postId: handover.postId,
    personId: handover.successorPersonId,
    role: "holder",
    startsAt: at,
    reason: handover.reason,
    decidedByPerson: actor.personId,
    decidedByDevice: actor.deviceId,
    handoverId: handover.id,
    createdAt: hub.now(),
  });
  const closed = await advanceHandover(tx, handover.id, "keys_handed_over", {
    status: "completed",
    successorAssignmentId: assignmentId,
    updatedAt: hub.now(),
  });
  if (!closed) throw new AppError("conflict", "The handover changed meanwhile: reload it.");
  await recordStep(tx, hub, actor, handover.id, "completed", log, null);
  await resolveReminders(tx, handover.postId, "vacant_post", hub.now());
}
