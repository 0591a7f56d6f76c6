import { checkAddressing } from "#shared/alerts/distribution";
import {
  alertIssuedEntry,
  alertUpdatedEntry,
  alertWithdrawnEntry,
} from "#shared/alerts/entryBuilders";
import type { AlertMetadata } from "#shared/alerts/metadata";
import type { AlertView, IssueAlertBody, UpdateAlertBody } from "#shared/api/alerts";
import type { LogSignature } from "#shared/api/identity";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { actorSignedLeaf } from "../../identity/logLeaves";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayActForPost, recipientsOutsideAddressing } from "../../policies/alerts";
import { findDistributionList, insertAlert, lockAlert, updateAlert } from "../../store/alerts";
import { findChannel, heldPosts, listMembers } from "../../store/channels";
import type { Executor } from "../../store/executor";
import { findPost, listPostsWithOrganisation } from "../../store/registerPosts";
import { enforce } from "../register/postRecords";
import { assertOpenAt, loadAlert, reloadAlertView } from "./alertRecords";

function refused(message: string, issues?: { path: string; message: string }[]): AppError {
  return new AppError("distribution_refused", message, issues);
}

/** Refuses what TLP forbids in an addressing the hub can see (TLP:RED to scopes or lists). */
function enforceAddressing(metadata: Pick<AlertMetadata, "tlp" | "recipients">) {
  const verdict = checkAddressing(metadata as AlertMetadata);
  if (!verdict.allowed) {
    throw refused(
      "The TLP label forbids this addressing.",
      verdict.reasons.map((reason) => ({
        path: `body.addressing${reason.path ? `.${reason.path.replace(/^recipients\.?/, "")}` : ""}`,
        message: `${reason.code}: ${reason.message}`,
      })),
    );
  }
}

/** The posts each part of the addressing reaches, from the register and the hub's lists. */
async function addressablePosts(db: Executor, addressing: IssueAlertBody["addressing"]) {
  const named = addressing.posts ?? [];
  const byScope: string[] = [];
  if (addressing.scope) {
    const areas = addressing.scope.thematicAreas;
    for (const country of addressing.scope.countries) {
      for (const { post } of await listPostsWithOrganisation(db, { country })) {
        if (areas === undefined || post.thematicAreas.some((area) => areas.includes(area))) {
          byScope.push(post.id);
        }
      }
    }
  }
  let byList: string[] = [];
  if (addressing.distributionListId) {
    const list = await findDistributionList(db, addressing.distributionListId);
    if (!list) throw refused("No such distribution list.");
    byList = list.postIds;
  }
  return { named, byScope, byList };
}

/**
 * Registers an alert issued through its channel, logged as `alert-issued` signed by the issuer's
 * device. The hub checks what it can see: the issuer holds the issuer post, the TLP allows the
 * addressing, every recipient exists and is reached by the addressing, and the channel is the
 * issuer post's with exactly the recipient posts as members.
 */
export async function issueAlert(
  hub: HubContext,
  actor: AuthenticatedActor,
  body: IssueAlertBody,
): Promise<AlertView> {
  const db = hub.database.db;
  if (!(await findPost(db, body.issuerPostId))) throw new AppError("not_found", "No such post.");
  if (!(await heldPosts(db, actor.personId)).includes(body.issuerPostId)) {
    throw refused("Only a holder of the issuer post may issue in its name.");
  }
  enforceAddressing({ tlp: body.tlp, recipients: body.addressing });
  const recipients = [...new Set(body.recipientPostIds)].sort();
  for (const postId of recipients) {
    if (!(await findPost(db, postId))) throw refused(`No recipient post ${postId}.`);
  }
  const outside = recipientsOutsideAddressing(
    await addressablePosts(db, body.addressing),
    recipients,
    body.issuerPostId,
  );
  if (outside.length > 0) {
    throw refused("Some recipients are not reached by the addressing.", [
      { path: "body.recipientPostIds", message: `not addressed: ${outside.join(", ")}` },
    ]);
  }
  const now = hub.now();
  if (Date.parse(body.expiresAt) <= now.getTime()) {
    throw new AppError("validation_failed", "The alert would already have expired.", [
      { path: "body.expiresAt", message: "must be in the future" },
    ]);
  }
  const channel = await findChannel(db, body.channelId);
  if (!channel) throw new AppError("unknown_channel", "No such channel.");
  const members = (await listMembers(db, [channel.id])).map((member) => member.postId).sort();
  const expected = [...new Set([body.issuerPostId, ...recipients])].sort();
  if (
    channel.ownerPostId !== body.issuerPostId ||
    members.length !== expected.length ||
    members.some((postId, index) => postId !== expected[index])
  ) {
    throw new AppError("validation_failed", "The channel is not this alert's.", [
      { path: "body.channelId", message: "must be owned by the issuer post with the recipients" },
    ]);
  }
  const { log, ...fields } = body;
  await db.transaction(async (tx) => {
    if (await lockAlert(tx, body.alertId))
      throw new AppError("conflict", "This alert id is taken.");
    const entry = alertIssuedEntry(fields, log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    await insertAlert(
      tx,
      {
        id: body.alertId,
        version: 1,
        issuerPostId: body.issuerPostId,
        channelId: body.channelId,
        addressing: body.addressing,
        tlp: body.tlp,
        handling: body.handling,
        urgent: body.urgent,
        createdAt: now,
        updatedAt: now,
        expiresAt: new Date(body.expiresAt),
        createdByPerson: actor.personId,
      },
      recipients,
    );
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return reloadAlertView(hub, body.alertId);
}

/** Loads an open alert and checks that the actor holds its issuer post. */
async function loadAsIssuer(hub: HubContext, actor: AuthenticatedActor, alertId: string) {
  const db = hub.database.db;
  const alert = await loadAlert(db, alertId);
  enforce(
    mayActForPost(await heldPosts(db, actor.personId), alert.row.issuerPostId),
    "Only a holder of the issuer post may do this.",
  );
  assertOpenAt(alert.row, hub.now());
  return alert;
}

/** A new version of an alert, logged as `alert-updated`; `version_conflict` unless current + 1. */
export async function updateAlertVersion(
  hub: HubContext,
  actor: AuthenticatedActor,
  alertId: string,
  body: UpdateAlertBody,
): Promise<AlertView> {
  const { row } = await loadAsIssuer(hub, actor, alertId);
  enforceAddressing({ tlp: body.tlp, recipients: row.addressing });
  const { log, ...fields } = body;
  await hub.database.db.transaction(async (tx) => {
    const locked = await lockAlert(tx, alertId);
    if (!locked) throw new AppError("not_found", "No such alert.");
    assertOpenAt(locked, hub.now());
    if (body.version !== locked.version + 1) {
      throw new AppError("version_conflict", `The current version is ${locked.version}.`);
    }
    const entry = alertUpdatedEntry(alertId, locked.issuerPostId, fields, log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    await updateAlert(tx, alertId, {
      version: body.version,
      tlp: body.tlp,
      handling: body.handling,
      urgent: body.urgent,
      expiresAt: new Date(body.expiresAt),
      updatedAt: hub.now(),
    });
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return reloadAlertView(hub, alertId);
}

/** The issuer withdraws an alert, logged as `alert-withdrawn`; it is closed from then on. */
export async function withdrawAlert(
  hub: HubContext,
  actor: AuthenticatedActor,
  alertId: string,
  log: LogSignature,
): Promise<AlertView> {
  await loadAsIssuer(hub, actor, alertId);
  await hub.database.db.transaction(async (tx) => {
    const locked = await lockAlert(tx, alertId);
    if (!locked) throw new AppError("not_found", "No such alert.");
    assertOpenAt(locked, hub.now());
    const entry = alertWithdrawnEntry(alertId, locked.issuerPostId, log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, log);
    await updateAlert(tx, alertId, { withdrawnAt: hub.now() });
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return reloadAlertView(hub, alertId);
}
