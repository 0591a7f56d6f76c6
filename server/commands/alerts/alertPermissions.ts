import { randomUUID } from "node:crypto";
import { checkForwarding, type PostRef } from "#shared/alerts/distribution";
import {
  alertForwardedEntry,
  alertPermissionDecidedEntry,
  alertPermissionRequestedEntry,
} from "#shared/alerts/entryBuilders";
import type { AlertMetadata } from "#shared/alerts/metadata";
import type { PermissionDecision, PermissionRequest } from "#shared/alerts/thread";
import type {
  ForwardAlertBody,
  PermissionDecisionBody,
  PermissionRequestBody,
} from "#shared/api/alerts";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { actorSignedLeaf } from "../../identity/logLeaves";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayActForPost } from "../../policies/alerts";
import {
  type AlertRow,
  findPermissionRequest,
  insertForward,
  insertPermissionDecision,
  insertPermissionRequest,
  listPermissionDecisions,
  type PermissionDecisionRow,
  type PermissionRequestRow,
} from "../../store/alerts";
import { findChannel, listMembers } from "../../store/channels";
import type { Executor } from "../../store/executor";
import { listPostsWithOrganisation } from "../../store/registerPosts";
import { enforce } from "../register/postRecords";
import { assertOpenAt, loadAlert, loadReadableAlert } from "./alertRecords";

/** A stored request in the shared statement form. */
export function presentPermissionRequest(row: PermissionRequestRow): PermissionRequest {
  return {
    v: 1,
    type: "alert-permission-request",
    requestId: row.id,
    alertId: row.alertId,
    alertVersion: row.alertVersion,
    purpose: row.purpose,
    requestingPostId: row.requestingPostId,
    ...(row.targetPostIds ? { targetPostIds: row.targetPostIds } : {}),
    justification: row.justification,
    requestedAt: row.requestedAt.toISOString(),
  };
}

/** A stored decision in the shared statement form, which `findPermission` reads. */
export function presentPermissionDecision(
  decision: PermissionDecisionRow,
  request: PermissionRequestRow,
): PermissionDecision {
  return {
    v: 1,
    type: "alert-permission-decision",
    requestId: request.id,
    alertId: request.alertId,
    purpose: request.purpose,
    requestingPostId: request.requestingPostId,
    ...(request.targetPostIds ? { targetPostIds: request.targetPostIds } : {}),
    decidedByPostId: decision.decidedByPostId,
    decision: decision.decision,
    ...(decision.conditions ? { conditions: decision.conditions } : {}),
    decidedAt: decision.decidedAt.toISOString(),
    ...(decision.validUntil ? { validUntil: decision.validUntil.toISOString() } : {}),
  };
}

/**
 * A recipient post asks the originator for permission (forwarding, judicial use), logged as
 * `alert-permission-requested`.
 */
export async function requestPermission(
  hub: HubContext,
  actor: AuthenticatedActor,
  alertId: string,
  body: PermissionRequestBody,
): Promise<PermissionRequest> {
  const db = hub.database.db;
  const alert = await loadReadableAlert(db, actor, alertId);
  enforce(mayActForPost(alert.heldPostIds, body.requestingPostId), "You do not hold this post.");
  if (!alert.recipientPostIds.includes(body.requestingPostId)) {
    throw new AppError("forbidden", "Only a recipient post asks for permission.");
  }
  assertOpenAt(alert.row, hub.now());
  if (body.purpose === "forwarding" && body.targetPostIds === undefined) {
    throw new AppError("validation_failed", "A forwarding request names its target posts.", [
      { path: "body.targetPostIds", message: "required for forwarding" },
    ]);
  }
  if (await findPermissionRequest(db, body.requestId)) {
    throw new AppError("conflict", "This request id is taken.");
  }
  const row: PermissionRequestRow = {
    id: body.requestId,
    alertId,
    alertVersion: Math.min(body.alertVersion, alert.row.version),
    purpose: body.purpose,
    requestingPostId: body.requestingPostId,
    targetPostIds: body.targetPostIds ? [...new Set(body.targetPostIds)].sort() : null,
    justification: body.justification,
    requestedAt: hub.now(),
  };
  await db.transaction(async (tx) => {
    const entry = alertPermissionRequestedEntry(alertId, body, body.log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, body.log);
    await insertPermissionRequest(tx, row);
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return presentPermissionRequest(row);
}

/** The originator decides on a request, logged as `alert-permission-decided`. */
export async function decidePermission(
  hub: HubContext,
  actor: AuthenticatedActor,
  alertId: string,
  requestId: string,
  body: PermissionDecisionBody,
): Promise<PermissionDecision> {
  const db = hub.database.db;
  const alert = await loadReadableAlert(db, actor, alertId);
  const request = await findPermissionRequest(db, requestId);
  if (request?.alertId !== alertId) throw new AppError("not_found", "No such request.");
  enforce(
    mayActForPost(alert.heldPostIds, alert.row.issuerPostId),
    "Only a holder of the issuer post decides.",
  );
  assertOpenAt(alert.row, hub.now());
  const row: PermissionDecisionRow = {
    id: randomUUID(),
    requestId,
    decidedByPostId: alert.row.issuerPostId,
    decision: body.decision,
    conditions: body.conditions ?? null,
    validUntil: body.validUntil ? new Date(body.validUntil) : null,
    decidedAt: hub.now(),
  };
  await db.transaction(async (tx) => {
    const entry = alertPermissionDecidedEntry(
      alertId,
      requestId,
      alert.row.issuerPostId,
      body,
      body.log.at,
    );
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, body.log);
    await insertPermissionDecision(tx, row);
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return presentPermissionDecision(row, request);
}

/** The alert's metadata in the shared form the distribution rules take. */
function metadataOf(row: AlertRow, recipientPostIds: readonly string[]): AlertMetadata {
  return {
    v: 1,
    alertId: row.id,
    version: row.version,
    issuerPostId: row.issuerPostId,
    recipients: { ...row.addressing, posts: [...recipientPostIds] },
    tlp: row.tlp,
    handling: row.handling,
    urgent: row.urgent,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

async function postRefs(db: Executor, ids: readonly string[]): Promise<Map<string, PostRef>> {
  const rows = await listPostsWithOrganisation(db, { ids: [...new Set(ids)] });
  return new Map(
    rows.map(({ post }) => [post.id, { postId: post.id, organisationId: post.organisationId }]),
  );
}

/**
 * A recipient forwards the alert through a channel of its own, logged as `alert-forwarded`.
 * The hub applies the forwarding rules it can check: never under TLP:RED, within the recipient
 * organisations under TLP:AMBER+STRICT, and under H2/H3 only with the originator's recorded
 * permission for each target post.
 */
export async function forwardAlert(
  hub: HubContext,
  actor: AuthenticatedActor,
  alertId: string,
  body: ForwardAlertBody,
) {
  const db = hub.database.db;
  const alert = await loadReadableAlert(db, actor, alertId);
  enforce(mayActForPost(alert.heldPostIds, body.fromPostId), "You do not hold this post.");
  if (!alert.recipientPostIds.includes(body.fromPostId)) {
    throw new AppError("forbidden", "Only a recipient post forwards an alert.");
  }
  assertOpenAt(alert.row, hub.now());
  const targets = [...new Set(body.toPostIds)].sort();
  const refs = await postRefs(db, [body.fromPostId, ...alert.recipientPostIds, ...targets]);
  const decisions = (await listPermissionDecisions(db, alertId)).map(({ decision, request }) =>
    presentPermissionDecision(decision, request),
  );
  const metadata = metadataOf((await loadAlert(db, alertId)).row, alert.recipientPostIds);
  const from = refs.get(body.fromPostId);
  const recipientPosts = alert.recipientPostIds.flatMap((id) => refs.get(id) ?? []);
  for (const target of targets) {
    const to = refs.get(target);
    if (!from || !to) throw new AppError("distribution_refused", `No post ${target}.`);
    const verdict = checkForwarding({
      metadata,
      from,
      to,
      recipientPosts,
      permissions: decisions,
      at: hub.now(),
    });
    if (!verdict.allowed) {
      throw new AppError(
        "distribution_refused",
        "The alert's TLP or handling code forbids this forwarding.",
        verdict.reasons.map((reason) => ({
          path: "body.toPostIds",
          message: `${reason.code}: ${reason.message}`,
        })),
      );
    }
  }
  const channel = await findChannel(db, body.channelId);
  if (!channel) throw new AppError("unknown_channel", "No such channel.");
  const members = (await listMembers(db, [channel.id])).map((member) => member.postId).sort();
  const expected = [...new Set([body.fromPostId, ...targets])].sort();
  if (channel.ownerPostId !== body.fromPostId || members.join() !== expected.join()) {
    throw new AppError("validation_failed", "The channel is not this forwarding's.", [
      { path: "body.channelId", message: "must be owned by the forwarding post with the targets" },
    ]);
  }
  const row = {
    channelId: body.channelId,
    alertId,
    version: body.version,
    fromPostId: body.fromPostId,
    toPostIds: targets,
    forwardedAt: hub.now(),
  };
  await db.transaction(async (tx) => {
    const entry = alertForwardedEntry(alertId, body, body.log.at);
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, entry, body.log);
    await insertForward(tx, row);
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  const { alertId: _alert, ...forward } = row;
  return { ...forward, forwardedAt: row.forwardedAt.toISOString() };
}
