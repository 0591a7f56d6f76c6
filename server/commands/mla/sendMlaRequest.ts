import type { MlaRequestView, SendMlaBody } from "#shared/api/mla";
import { actsForCentralAuthority } from "#shared/mla/centralAuthority";
import { isOverdue } from "#shared/mla/deadlines";
import { mlaSentEntry } from "#shared/mla/entryBuilders";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { actorSignedLeaf } from "../../identity/logLeaves";
import type { AuthenticatedActor } from "../../policies/actor";
import { maySendFor } from "../../policies/mla";
import { findChannel, heldPosts, listMembers } from "../../store/channels";
import type { Executor } from "../../store/executor";
import { insertMlaRequest, insertMlaTransition, lockMlaRequest } from "../../store/mla";
import { findOrganisation } from "../../store/registerOrganisations";
import { findPost } from "../../store/registerPosts";
import { enforce } from "../register/postRecords";
import { assertJudicialUse } from "./alertReferences";
import { leafHashOf, loadMlaRequest, presentMlaRequest } from "./mlaRecords";

const invalid = (path: string, message: string, summary: string) =>
  new AppError("validation_failed", summary, [{ path, message }]);

/** Whether a post acts for its country's central authority (shared rule). */
async function isCentralAuthorityPost(
  db: Executor,
  post: { organisationId: string; thematicAreas: readonly string[] },
): Promise<boolean> {
  const organisation = await findOrganisation(db, post.organisationId);
  return actsForCentralAuthority({
    organisationKind: organisation?.kind,
    thematicAreas: post.thematicAreas,
  });
}

/**
 * Both posts exist, in the countries the body names, the countries differ, and the requested
 * post acts for its country's central authority.
 */
async function checkParties(db: Executor, body: SendMlaBody): Promise<void> {
  const sides = [
    ["requestingPostId", body.requestingPostId, "requestingCountry", body.requestingCountry],
    ["requestedPostId", body.requestedPostId, "requestedCountry", body.requestedCountry],
  ] as const;
  for (const [postField, postId, countryField, country] of sides) {
    const post = await findPost(db, postId);
    if (!post) throw invalid(`body.${postField}`, `no post ${postId}`, "No such post.");
    if (post.country !== country) {
      throw invalid(`body.${countryField}`, `the post is in ${post.country}`, "Wrong country.");
    }
    if (postField === "requestedPostId" && !(await isCentralAuthorityPost(db, post))) {
      throw invalid(
        "body.requestedPostId",
        "must be a post of the requested country's central authority (or designated for MLA)",
        "Not a central authority.",
      );
    }
  }
  if (body.requestingCountry === body.requestedCountry) {
    throw invalid(
      "body.requestedCountry",
      "must differ from the requesting country",
      "Same country.",
    );
  }
}

/** The channel is the requesting post's, with the requested post as its only other member. */
async function checkChannel(db: Executor, body: SendMlaBody): Promise<void> {
  const channel = await findChannel(db, body.channelId);
  if (!channel) throw new AppError("unknown_channel", "No such channel.");
  const members = (await listMembers(db, [channel.id])).map((member) => member.postId).sort();
  const expected = [body.requestingPostId, body.requestedPostId].sort();
  if (
    channel.ownerPostId !== body.requestingPostId ||
    channel.historyPolicy !== "institutional" ||
    members.length !== expected.length ||
    members.some((postId, index) => postId !== expected[index])
  ) {
    throw invalid(
      "body.channelId",
      "must be an institutional channel of the requesting post with the requested post",
      "The channel is not this request's.",
    );
  }
}

/**
 * Registers a request sent through its channel, logged as the `send` transition (draft to sent)
 * signed by the requesting device. The hub checks what it can see: the actor holds the
 * requesting post, both posts and countries agree with the register, the deadline has not
 * passed, the channel joins exactly the two posts, and every referenced alert may be used in
 * judicial proceedings by the requesting post.
 */
export async function sendMlaRequest(
  hub: HubContext,
  actor: AuthenticatedActor,
  body: SendMlaBody,
): Promise<MlaRequestView> {
  const db = hub.database.db;
  await checkParties(db, body);
  enforce(
    maySendFor(await heldPosts(db, actor.personId), body.requestingPostId),
    "Only a holder of the requesting post may send in its name.",
  );
  const now = hub.now();
  if (isOverdue({ status: "sent", deadline: body.deadline }, now)) {
    throw invalid("body.deadline", "must not have passed", "The deadline has passed.");
  }
  await checkChannel(db, body);
  const alertIds = [...new Set(body.alertIds)];
  await assertJudicialUse(hub, db, alertIds, body.requestingPostId);
  await db.transaction(async (tx) => {
    if (await lockMlaRequest(tx, body.requestId)) {
      throw new AppError("conflict", "This request id is taken.");
    }
    const entry = mlaSentEntry(body.requestId, body.log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, body.log);
    await insertMlaRequest(tx, {
      id: body.requestId,
      channelId: body.channelId,
      requestingPostId: body.requestingPostId,
      requestedPostId: body.requestedPostId,
      requestingCountry: body.requestingCountry,
      requestedCountry: body.requestedCountry,
      status: "sent",
      awaitingInformation: false,
      deadline: body.deadline,
      urgency: body.urgency,
      alertIds,
      createdByPerson: actor.personId,
      sentAt: now,
      updatedAt: now,
    });
    await insertMlaTransition(tx, {
      requestId: body.requestId,
      action: "send",
      side: "requesting",
      fromStatus: "draft",
      toStatus: "sent",
      grounds: null,
      actorPostId: body.requestingPostId,
      actorDeviceId: actor.deviceId,
      at: now,
      leafHash: leafHashOf(leaf),
    });
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return presentMlaRequest(await loadMlaRequest(db, body.requestId), hub.now());
}
