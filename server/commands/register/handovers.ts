import type { z } from "zod";
import type {
  completeHandoverBodySchema,
  HandoverView,
  handoverStepBodySchema,
  startHandoverBodySchema,
} from "#shared/api/register";
import {
  handoverCompletedEntry,
  handoverStartedEntry,
  handoverStepEntry,
  type IntermediateHandoverStep,
} from "#shared/log/registerEntryBuilders";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { actorSignedLeaf } from "../../identity/logLeaves";
import type { AuthenticatedActor } from "../../policies/actor";
import { canManageCountry, canSeePostHistory } from "../../policies/register";
import { actingHolder, presentHandover } from "../../presenters/register";
import { listDevicesOfPerson } from "../../store/devices";
import type { Executor } from "../../store/executor";
import { isUniqueViolation } from "../../store/registerConstraints";
import {
  advanceHandover,
  findHandover,
  type HandoverRow,
  insertHandover,
  listStepsOfHandovers,
} from "../../store/registerHandovers";
import { assignablePerson } from "./assignments";
import { completeHandoverInTransaction, recordStep } from "./completeHandover";
import { enforce, type LoadedPost, loadPost } from "./postRecords";

const outsideAuthority = "This post is outside your authority.";
const openStatuses: readonly HandoverRow["status"][] = [
  "started",
  "successor_enrolled",
  "keys_handed_over",
];
/** The status a handover must have for each step, in the workflow's order. */
const requiredStatus: Record<
  Exclude<IntermediateHandoverStep, "cancelled">,
  HandoverRow["status"]
> = { successor_enrolled: "started", keys_handed_over: "successor_enrolled" };

/** A handover with its post, in the actor's authority; `not_found` or `forbidden` otherwise. */
export async function managedHandover(
  hub: HubContext,
  actor: AuthenticatedActor,
  handoverId: string | null,
): Promise<{ handover: HandoverRow; post: LoadedPost }> {
  const handover = handoverId ? await findHandover(hub.database.db, handoverId) : undefined;
  if (!handover) throw new AppError("not_found", "No such handover.");
  const post = await loadPost(hub, hub.database.db, handover.postId);
  enforce(canManageCountry(actor, post.scope.country), outsideAuthority);
  return { handover, post };
}

/** A handover with its recorded steps. */
export async function handoverView(db: Executor, handover: HandoverRow): Promise<HandoverView> {
  return presentHandover(handover, await listStepsOfHandovers(db, [handover.id]));
}

async function reloadView(db: Executor, handoverId: string): Promise<HandoverView> {
  const handover = await findHandover(db, handoverId);
  if (!handover) throw new AppError("not_found", "No such handover.");
  return handoverView(db, handover);
}

/**
 * Starts handing a post over from its current holder (or interim holder, or nobody when it is
 * vacant) to a successor; logged as `handover-started`. One open handover per post.
 */
export async function startHandover(
  hub: HubContext,
  actor: AuthenticatedActor,
  postId: string | null,
  body: z.infer<typeof startHandoverBodySchema>,
): Promise<HandoverView> {
  const db = hub.database.db;
  const loaded = await loadPost(hub, db, postId);
  const post = loaded.record.post;
  enforce(canManageCountry(actor, post.country), outsideAuthority);
  await assignablePerson(db, body.successorPersonId, post.country, "body.successorPersonId");
  const holder = actingHolder(loaded.current)?.assignment;
  if (
    (holder?.id ?? null) !== body.predecessorAssignmentId ||
    (holder?.personId ?? null) !== body.predecessorPersonId
  ) {
    throw new AppError("conflict", "The post's current holder is not the one named: reload it.");
  }
  if (holder?.endsAt) throw new AppError("conflict", "The holder's assignment already has an end.");
  if (holder?.personId === body.successorPersonId) {
    throw new AppError("validation_failed", "The successor already holds the post.", [
      { path: "body.successorPersonId", message: "must not be the current holder" },
    ]);
  }
  if (await findHandover(db, body.handoverId)) {
    throw new AppError("conflict", "This handover id is taken.");
  }
  const { log, ...fields } = body;
  const now = hub.now();
  await db
    .transaction(async (tx) => {
      const entry = handoverStartedEntry(post.id, fields, log.at);
      const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
      await insertHandover(tx, {
        id: fields.handoverId,
        postId: post.id,
        status: "started",
        predecessorAssignmentId: fields.predecessorAssignmentId,
        predecessorPersonId: fields.predecessorPersonId,
        successorPersonId: fields.successorPersonId,
        reason: fields.reason,
        createdAt: now,
        updatedAt: now,
      });
      await recordStep(tx, hub, actor, fields.handoverId, "started", log, null);
      await hub.log.appendInTransaction(tx, [leaf]);
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new AppError("conflict", "This post already has a handover in progress.");
      }
      throw error;
    });
  return reloadView(db, fields.handoverId);
}

/**
 * Records that the successor has enrolled (they must have an active device), that the keys
 * were handed over, or that the handover is cancelled; each logged and in this order only.
 */
export async function advanceHandoverStep(
  hub: HubContext,
  actor: AuthenticatedActor,
  handoverId: string | null,
  step: IntermediateHandoverStep,
  body: z.infer<typeof handoverStepBodySchema>,
): Promise<HandoverView> {
  const db = hub.database.db;
  const { handover } = await managedHandover(hub, actor, handoverId);
  if (body.postId !== handover.postId || body.successorPersonId !== handover.successorPersonId) {
    throw new AppError("conflict", "This handover is of another post or successor.");
  }
  const allowed =
    step === "cancelled"
      ? openStatuses.includes(handover.status)
      : handover.status === requiredStatus[step];
  if (!allowed) {
    throw new AppError("conflict", `A handover cannot go from ${handover.status} to ${step}.`);
  }
  if (step === "successor_enrolled") {
    const devices = await listDevicesOfPerson(db, handover.successorPersonId);
    if (!devices.some((device) => device.status === "active")) {
      throw new AppError("conflict", "The successor has no active device yet.");
    }
  }
  const { log, ...fields } = body;
  await db.transaction(async (tx) => {
    const entry = handoverStepEntry(step, handover.id, fields, log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    const moved = await advanceHandover(tx, handover.id, handover.status, {
      status: step,
      updatedAt: hub.now(),
    });
    if (!moved) throw new AppError("conflict", "The handover changed meanwhile: reload it.");
    await recordStep(tx, hub, actor, handover.id, step, log, fields.note ?? null);
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return reloadView(db, handover.id);
}

/**
 * Completes a handover in one transaction: the predecessor's assignment ends and the
 * successor's starts, both at the signed `at`; logged as `handover-completed`.
 */
export async function completeHandover(
  hub: HubContext,
  actor: AuthenticatedActor,
  handoverId: string | null,
  body: z.infer<typeof completeHandoverBodySchema>,
): Promise<HandoverView> {
  const db = hub.database.db;
  const { handover } = await managedHandover(hub, actor, handoverId);
  if (
    body.postId !== handover.postId ||
    body.successorPersonId !== handover.successorPersonId ||
    body.predecessorAssignmentId !== handover.predecessorAssignmentId ||
    body.predecessorPersonId !== handover.predecessorPersonId
  ) {
    throw new AppError("conflict", "This handover is of another post, holder or successor.");
  }
  if (handover.status !== "keys_handed_over") {
    throw new AppError("conflict", `A handover cannot be completed from ${handover.status}.`);
  }
  const { log, ...fields } = body;
  await db.transaction(async (tx) => {
    const entry = handoverCompletedEntry(handover.id, fields, log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    await completeHandoverInTransaction(tx, hub, actor, handover, fields.assignmentId, log);
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return reloadView(db, handover.id);
}

/** A handover with its steps, for those who may see its post's history. */
export async function getHandover(
  hub: HubContext,
  actor: AuthenticatedActor,
  handoverId: string | null,
): Promise<HandoverView> {
  const db = hub.database.db;
  const handover = handoverId ? await findHandover(db, handoverId) : undefined;
  if (!handover) throw new AppError("not_found", "No such handover.");
  const post = await loadPost(hub, db, handover.postId);
  enforce(canSeePostHistory(actor, post.scope), "The history of this post is not yours to see.");
  return handoverView(db, handover);
}
