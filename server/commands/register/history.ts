import type { z } from "zod";
import type {
  holdersQuerySchema,
  holdersResponseSchema,
  postHistoryResponseSchema,
} from "#shared/api/register";
import type { HubContext } from "../../context";
import type { AuthenticatedActor } from "../../policies/actor";
import { canSeePostHistory } from "../../policies/register";
import { presentAssignment, presentHandover } from "../../presenters/register";
import {
  listAssignmentRecordsDuring,
  listAssignmentRecordsOfPost,
} from "../../store/registerAssignments";
import { listHandoversOfPost, listStepsOfHandovers } from "../../store/registerHandovers";
import { enforce, type LoadedPost, loadPost, presentLoadedPost } from "./postRecords";

const DAY_MS = 86_400_000;
const notYours = "The history of this post is not yours to see.";

async function postWithHistoryAccess(
  hub: HubContext,
  actor: AuthenticatedActor,
  postId: string | null,
): Promise<LoadedPost> {
  const loaded = await loadPost(hub, hub.database.db, postId);
  enforce(canSeePostHistory(actor, loaded.scope), notYours);
  return loaded;
}

/** A post's whole history: every assignment, ended or not, and every handover with its steps. */
export async function postHistory(
  hub: HubContext,
  actor: AuthenticatedActor,
  postId: string | null,
): Promise<z.infer<typeof postHistoryResponseSchema>> {
  const db = hub.database.db;
  const loaded = await postWithHistoryAccess(hub, actor, postId);
  const id = loaded.record.post.id;
  const [assignments, handovers] = await Promise.all([
    listAssignmentRecordsOfPost(db, id),
    listHandoversOfPost(db, id),
  ]);
  const steps = await listStepsOfHandovers(
    db,
    handovers.map((handover) => handover.id),
  );
  return {
    post: presentLoadedPost(hub, loaded),
    assignments: assignments.map(presentAssignment),
    handovers: handovers.map((handover) => presentHandover(handover, steps)),
  };
}

/**
 * Who held the post on `on`: during that whole UTC day for a date (a handover day shows both
 * holders), or at that instant for a timestamp; now by default.
 */
export async function holdersOn(
  hub: HubContext,
  actor: AuthenticatedActor,
  postId: string | null,
  query: z.infer<typeof holdersQuerySchema>,
): Promise<z.infer<typeof holdersResponseSchema>> {
  const loaded = await postWithHistoryAccess(hub, actor, postId);
  const on = query.on ?? hub.now().toISOString();
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(on);
  const from = new Date(isDay ? `${on}T00:00:00.000Z` : on);
  const to = new Date(from.getTime() + (isDay ? DAY_MS : 1));
  const records = await listAssignmentRecordsDuring(
    hub.database.db,
    loaded.record.post.id,
    from,
    to,
  );
  return { postId: loaded.record.post.id, on, assignments: records.map(presentAssignment) };
}
