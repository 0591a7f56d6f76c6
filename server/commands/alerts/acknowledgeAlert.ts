import type { z } from "zod";
import { alertAcknowledgedEntry } from "#shared/alerts/entryBuilders";
import type { AlertFollowUpMetadata } from "#shared/alerts/thread";
import type { AlertView, acknowledgeAlertBodySchema } from "#shared/api/alerts";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { actorSignedLeaf } from "../../identity/logLeaves";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayActForPost } from "../../policies/alerts";
import { findFollowUp, insertFollowUp, lockAlert, recordAcknowledgement } from "../../store/alerts";
import { enforce } from "../register/postRecords";
import { assertOpenAt, loadReadableAlert, reloadAlertView } from "./alertRecords";

/**
 * A recipient post acknowledges the alert's current version, logged as `alert-acknowledged`
 * signed by a device of a holder of that post.
 */
export async function acknowledgeAlert(
  hub: HubContext,
  actor: AuthenticatedActor,
  alertId: string,
  body: z.infer<typeof acknowledgeAlertBodySchema>,
): Promise<AlertView> {
  const db = hub.database.db;
  const alert = await loadReadableAlert(db, actor, alertId);
  enforce(mayActForPost(alert.heldPostIds, body.postId), "You do not hold this post.");
  if (!alert.recipientPostIds.includes(body.postId)) {
    throw new AppError("forbidden", "This post is not a recipient of the alert.");
  }
  await db.transaction(async (tx) => {
    const locked = await lockAlert(tx, alertId);
    if (!locked) throw new AppError("not_found", "No such alert.");
    assertOpenAt(locked, hub.now());
    if (body.version !== locked.version) {
      throw new AppError("version_conflict", `The current version is ${locked.version}.`);
    }
    const entry = alertAcknowledgedEntry(alertId, body.version, body.postId, body.log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, body.log);
    await recordAcknowledgement(tx, {
      alertId,
      postId: body.postId,
      version: body.version,
      at: hub.now(),
      deviceId: actor.deviceId,
    });
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return reloadAlertView(hub, alertId);
}

/**
 * Registers a follow-up's metadata before its encrypted text is sent in the alert's channel: by
 * a holder of the issuer post or of a recipient post, while the alert is open.
 */
export async function registerFollowUp(
  hub: HubContext,
  actor: AuthenticatedActor,
  alertId: string,
  body: AlertFollowUpMetadata,
): Promise<AlertFollowUpMetadata> {
  const db = hub.database.db;
  if (body.alertId !== alertId) {
    throw new AppError("validation_failed", "The follow-up names another alert.", [
      { path: "body.alertId", message: "must be the alert of the path" },
    ]);
  }
  const alert = await loadReadableAlert(db, actor, alertId);
  enforce(mayActForPost(alert.heldPostIds, body.authorPostId), "You do not hold this post.");
  if (
    body.authorPostId !== alert.row.issuerPostId &&
    !alert.recipientPostIds.includes(body.authorPostId)
  ) {
    throw new AppError("forbidden", "Only the issuer and the recipients follow an alert up.");
  }
  assertOpenAt(alert.row, hub.now());
  if (body.alertVersion > alert.row.version) {
    throw new AppError("version_conflict", `The current version is ${alert.row.version}.`);
  }
  if (body.inReplyTo !== undefined) {
    const answered = await findFollowUp(db, body.inReplyTo);
    if (answered?.alertId !== alertId) {
      throw new AppError("validation_failed", "No such follow-up under this alert.", [
        { path: "body.inReplyTo", message: "must be a follow-up of this alert" },
      ]);
    }
  }
  if (await findFollowUp(db, body.followUpId)) {
    throw new AppError("conflict", "This follow-up id is taken.");
  }
  await insertFollowUp(db, {
    id: body.followUpId,
    alertId,
    alertVersion: body.alertVersion,
    authorPostId: body.authorPostId,
    kind: body.kind,
    inReplyTo: body.inReplyTo ?? null,
    createdAt: new Date(body.createdAt),
  });
  return body;
}
