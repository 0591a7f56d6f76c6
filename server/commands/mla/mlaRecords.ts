import type { MlaHistoryItem, MlaRequestView } from "#shared/api/mla";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import type { SignedLeaf } from "#shared/log/entries";
import { hashLeaf } from "#shared/log/merkleHash";
import { isOverdue } from "#shared/mla/deadlines";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayReadMlaRequest } from "../../policies/mla";
import { heldPosts } from "../../store/channels";
import type { Executor } from "../../store/executor";
import { findMlaRequest, type listMlaTransitions, type MlaRequestRow } from "../../store/mla";
import { enforce } from "../register/postRecords";

/** Loads a request or throws `not_found`. */
export async function loadMlaRequest(db: Executor, requestId: string): Promise<MlaRequestRow> {
  const row = await findMlaRequest(db, requestId);
  if (!row) throw new AppError("not_found", "No such request.");
  return row;
}

/** Loads a request the actor may read (a party's holder or a coordinator of its countries). */
export async function loadReadableMlaRequest(
  db: Executor,
  actor: AuthenticatedActor,
  requestId: string,
): Promise<{ row: MlaRequestRow; heldPostIds: string[] }> {
  const row = await loadMlaRequest(db, requestId);
  const heldPostIds = await heldPosts(db, actor.personId);
  enforce(mayReadMlaRequest(actor, heldPostIds, row), "You hold neither post of this request.");
  return { row, heldPostIds };
}

/** A request's metadata as its parties see it; `overdue` is computed at `now`. */
export function presentMlaRequest(row: MlaRequestRow, now: Date): MlaRequestView {
  const awaitingAnswer = ["sent", "acknowledged", "in_execution", "partially_executed"].includes(
    row.status,
  );
  return {
    requestId: row.id,
    channelId: row.channelId,
    requestingPostId: row.requestingPostId,
    requestedPostId: row.requestedPostId,
    requestingCountry: row.requestingCountry,
    requestedCountry: row.requestedCountry,
    status: row.status,
    awaitingInformation: row.awaitingInformation,
    deadline: row.deadline,
    overdue: awaitingAnswer && isOverdue({ status: row.status, deadline: row.deadline }, now),
    urgency: row.urgency,
    alertIds: [...row.alertIds],
    sentAt: row.sentAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One line of the status history. */
export function presentTransition(
  row: Awaited<ReturnType<typeof listMlaTransitions>>[number],
): MlaHistoryItem {
  const { transition } = row;
  return {
    action: transition.action,
    side: transition.side,
    from: transition.fromStatus,
    to: transition.toStatus,
    grounds: transition.grounds ?? null,
    actorPostId: transition.actorPostId,
    actorDeviceId: transition.actorDeviceId,
    at: transition.at.toISOString(),
    logIndex: row.logIndex ?? null,
  };
}

/** The RFC 9162 hash of a leaf, as the log stores it: how a transition finds its log index. */
export function leafHashOf(leaf: SignedLeaf): Uint8Array {
  return hashLeaf(canonicalJsonBytes(leaf));
}
