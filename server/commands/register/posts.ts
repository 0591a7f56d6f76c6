import type { z } from "zod";
import type {
  createPostBodySchema,
  PostView,
  postsQuerySchema,
  updatePostBodySchema,
} from "#shared/api/register";
import { postChangedEntry, postCreatedEntry } from "#shared/log/registerEntryBuilders";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { actorSignedLeaf } from "../../identity/logLeaves";
import type { AuthenticatedActor } from "../../policies/actor";
import { canConfirmPost, canManageCountry } from "../../policies/register";
import type { Executor } from "../../store/executor";
import { isUniqueViolation } from "../../store/registerConstraints";
import { findOrganisation } from "../../store/registerOrganisations";
import {
  findPost,
  findPostByTitle,
  insertPost,
  listPostsWithOrganisation,
  updatePost,
} from "../../store/registerPosts";
import { resolveReminders } from "../../store/registerReminders";
import { enforce, loadPost, presentLoadedPost, presentPosts } from "./postRecords";

const outsideAuthority = "This post is outside your authority.";
const titleTaken = "This organisation already has a post of this title.";

async function checkDeputyPost(db: Executor, postId: string, deputyPostId: string | null) {
  if (deputyPostId === null) return;
  const problem =
    deputyPostId === postId
      ? "a post cannot be its own deputy"
      : (await findPost(db, deputyPostId))
        ? undefined
        : "no such post";
  if (problem) {
    throw new AppError("validation_failed", "The deputy post is invalid.", [
      { path: "body.deputyPostId", message: problem },
    ]);
  }
}

/** Two concurrent requests may both pass the title check: the unique index decides. */
function duplicateTitle(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("conflict", titleTaken);
  throw error;
}

/** Creates a post in an organisation, logged as `post-created` signed by the acting device. */
export async function createPost(
  hub: HubContext,
  actor: AuthenticatedActor,
  body: z.infer<typeof createPostBodySchema>,
): Promise<PostView> {
  const db = hub.database.db;
  enforce(canManageCountry(actor, body.country), outsideAuthority);
  const organisation = await findOrganisation(db, body.organisationId);
  if (!organisation) throw new AppError("not_found", "No such organisation.");
  if (organisation.country !== body.country) {
    throw new AppError("validation_failed", "The post's country is its organisation's.", [
      { path: "body.country", message: `must be ${organisation.country}, the organisation's` },
    ]);
  }
  if (await findPost(db, body.postId)) throw new AppError("conflict", "This post id is taken.");
  if (await findPostByTitle(db, body.organisationId, body.title)) {
    throw new AppError("conflict", titleTaken);
  }
  await checkDeputyPost(db, body.postId, body.deputyPostId);
  const { log, ...fields } = body;
  const now = hub.now();
  await db
    .transaction(async (tx) => {
      const leaf = await actorSignedLeaf(
        hub,
        tx,
        actor.deviceId,
        postCreatedEntry(fields, log.at),
        log,
      );
      await insertPost(tx, {
        id: fields.postId,
        organisationId: fields.organisationId,
        country: fields.country,
        title: fields.title,
        thematicAreas: fields.thematicAreas,
        workingLanguages: fields.workingLanguages,
        contactChannels: fields.contactChannels,
        timeZone: fields.timeZone,
        deputyPostId: fields.deputyPostId,
        createdBy: actor.personId,
        createdAt: now,
        updatedAt: now,
      });
      await hub.log.appendInTransaction(tx, [leaf]);
    })
    .catch(duplicateTitle);
  return presentLoadedPost(hub, await loadPost(hub, db, fields.postId));
}

/** Replaces some details of a post, logged as `post-changed`. */
export async function changePost(
  hub: HubContext,
  actor: AuthenticatedActor,
  postId: string | null,
  body: z.infer<typeof updatePostBodySchema>,
): Promise<PostView> {
  const db = hub.database.db;
  const { record } = await loadPost(hub, db, postId);
  const { post } = record;
  enforce(canManageCountry(actor, post.country), outsideAuthority);
  const { log, ...fields } = body;
  if (fields.deputyPostId !== undefined) await checkDeputyPost(db, post.id, fields.deputyPostId);
  if (fields.title !== undefined && fields.title !== post.title) {
    if (await findPostByTitle(db, post.organisationId, fields.title)) {
      throw new AppError("conflict", titleTaken);
    }
  }
  await db
    .transaction(async (tx) => {
      const entry = postChangedEntry(post.id, fields, log.at);
      const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
      await updatePost(tx, post.id, { ...fields, updatedAt: hub.now() });
      await hub.log.appendInTransaction(tx, [leaf]);
    })
    .catch(duplicateTitle);
  return presentLoadedPost(hub, await loadPost(hub, db, post.id));
}

/**
 * The holder (or a deputy, an interim holder, or the country's authority) confirms that the
 * post's details are right: the post is no longer stale and its stale reminders are resolved.
 */
export async function confirmPost(
  hub: HubContext,
  actor: AuthenticatedActor,
  postId: string | null,
): Promise<PostView> {
  const db = hub.database.db;
  const loaded = await loadPost(hub, db, postId);
  enforce(canConfirmPost(actor, loaded.scope), "Only those assigned to this post confirm it.");
  const now = hub.now();
  await db.transaction(async (tx) => {
    await updatePost(tx, loaded.record.post.id, { confirmedAt: now, confirmedBy: actor.personId });
    await resolveReminders(tx, loaded.record.post.id, "stale_post", now);
  });
  return presentLoadedPost(hub, await loadPost(hub, db, loaded.record.post.id));
}

/** The directory: every post matching the filters, with its current holder. */
export async function listDirectory(
  hub: HubContext,
  query: z.infer<typeof postsQuerySchema>,
): Promise<PostView[]> {
  const { stale, vacant, ...filter } = query;
  const records = await listPostsWithOrganisation(hub.database.db, filter);
  const posts = await presentPosts(hub, hub.database.db, records);
  return posts.filter(
    (post) =>
      (stale === undefined || post.stale === stale) &&
      (vacant === undefined || post.vacant === vacant),
  );
}

/** One directory entry. */
export async function getPost(hub: HubContext, postId: string | null): Promise<PostView> {
  return presentLoadedPost(hub, await loadPost(hub, hub.database.db, postId));
}
