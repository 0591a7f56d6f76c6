import type { PostView } from "#shared/api/register";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { Decision } from "../../policies/actor";
import type { PostScope } from "../../policies/register";
import { presentPost } from "../../presenters/register";
import type { Executor } from "../../store/executor";
import {
  type AssignmentRecord,
  listCurrentAssignmentRecords,
} from "../../store/registerAssignments";
import { listPostsWithOrganisation, type PostWithOrganisation } from "../../store/registerPosts";

/** A post as the register's use cases need it: with its organisation and who holds it now. */
export interface LoadedPost {
  readonly record: PostWithOrganisation;
  readonly current: AssignmentRecord[];
  readonly scope: PostScope;
}

/** Throws the decision's code when a policy denies. */
export function enforce(decision: Decision, message: string): void {
  if (!decision.allowed) throw new AppError(decision.code, message);
}

/** Loads a post, or throws `not_found` (a null id is one that cannot exist). */
export async function loadPost(
  hub: HubContext,
  db: Executor,
  postId: string | null,
): Promise<LoadedPost> {
  const [record] = postId ? await listPostsWithOrganisation(db, { ids: [postId] }) : [];
  if (!record) throw new AppError("not_found", "No such post.");
  const current = await listCurrentAssignmentRecords(db, [record.post.id], hub.now());
  return {
    record,
    current,
    scope: {
      country: record.post.country,
      currentAssigneeIds: current.map((row) => row.assignment.personId),
    },
  };
}

/** The directory entry of a loaded post. */
export function presentLoadedPost(hub: HubContext, loaded: LoadedPost): PostView {
  return presentPost(loaded.record, loaded.current, hub.now(), hub.config.staleAfterDays);
}

/** Directory entries of many posts, with their current assignees looked up in one query. */
export async function presentPosts(
  hub: HubContext,
  db: Executor,
  records: readonly PostWithOrganisation[],
): Promise<PostView[]> {
  const now = hub.now();
  const current = await listCurrentAssignmentRecords(
    db,
    records.map((record) => record.post.id),
    now,
  );
  return records.map((record) =>
    presentPost(
      record,
      current.filter((row) => row.assignment.postId === record.post.id),
      now,
      hub.config.staleAfterDays,
    ),
  );
}
