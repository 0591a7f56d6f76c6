import type { z } from "zod";
import type {
  AlertDetail,
  AlertSettings,
  AlertView,
  createDistributionListBodySchema,
  DistributionListView,
} from "#shared/api/alerts";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayManageDistributionList } from "../../policies/alerts";
import {
  alertsOfPosts,
  type DistributionListRow,
  findDistributionList,
  insertDistributionList,
  listDistributionLists,
  listFollowUps,
  listForwards,
  listPermissionDecisions,
  listPermissionRequests,
  listRecipients,
  openReminders,
  recipientsOf,
} from "../../store/alerts";
import { heldPosts } from "../../store/channels";
import { findPost } from "../../store/registerPosts";
import { enforce } from "../register/postRecords";
import { presentPermissionDecision, presentPermissionRequest } from "./alertPermissions";
import { loadReadableAlert, presentAlert } from "./alertRecords";

/** The hub's alert settings, which the SDK uses to date expiries. */
export function alertSettings(hub: HubContext): AlertSettings {
  return {
    defaultExpiryMonths: hub.config.alertDefaultExpiryMonths,
    reminderHours: hub.config.alertReminderHours,
  };
}

/** The alerts of the posts the actor holds: issued, received or forwarded to them. */
export async function listAlerts(hub: HubContext, actor: AuthenticatedActor): Promise<AlertView[]> {
  const db = hub.database.db;
  const rows = await alertsOfPosts(db, await heldPosts(db, actor.personId));
  const recipients = await recipientsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => presentAlert(row, recipients.get(row.id) ?? []));
}

/**
 * An alert with the acknowledgement status of every recipient post (the issuer sees who has not
 * acknowledged), its follow-ups' metadata, its permission requests and decisions, its forwards.
 */
export async function alertDetail(
  hub: HubContext,
  actor: AuthenticatedActor,
  alertId: string,
): Promise<AlertDetail> {
  const db = hub.database.db;
  const { row, recipientPostIds } = await loadReadableAlert(db, actor, alertId);
  const recipients = await listRecipients(db, alertId);
  const expired = row.expiredAt !== null;
  const requests = expired ? [] : await listPermissionRequests(db, alertId);
  const decisions = expired ? [] : await listPermissionDecisions(db, alertId);
  return {
    alert: presentAlert(row, recipientPostIds),
    acknowledgements: recipients.map(({ recipient, title, country }) => ({
      postId: recipient.postId,
      title,
      country,
      acknowledgedVersion: recipient.acknowledgedVersion,
      acknowledgedAt: recipient.acknowledgedAt?.toISOString() ?? null,
      acknowledgedByDevice: recipient.acknowledgedByDevice,
      current: recipient.acknowledgedVersion === row.version,
    })),
    followUps: (await listFollowUps(db, alertId)).map((followUp) => ({
      v: 1 as const,
      followUpId: followUp.id,
      alertId: followUp.alertId,
      alertVersion: followUp.alertVersion,
      authorPostId: followUp.authorPostId,
      kind: followUp.kind,
      ...(followUp.inReplyTo ? { inReplyTo: followUp.inReplyTo } : {}),
      createdAt: followUp.createdAt.toISOString(),
    })),
    permissionRequests: requests.map(presentPermissionRequest),
    permissionDecisions: decisions.map(({ decision, request }) =>
      presentPermissionDecision(decision, request),
    ),
    forwards: (await listForwards(db, alertId)).map((forward) => ({
      fromPostId: forward.fromPostId,
      toPostIds: forward.toPostIds,
      channelId: forward.channelId,
      version: forward.version,
      forwardedAt: forward.forwardedAt.toISOString(),
    })),
  };
}

/** The open reminders of urgent alerts for the posts the actor holds. */
export async function listAlertReminders(hub: HubContext, actor: AuthenticatedActor) {
  const db = hub.database.db;
  const rows = await openReminders(db, await heldPosts(db, actor.personId));
  return rows.flatMap((row) =>
    row.version === null || row.remindedAt === null
      ? []
      : [
          {
            alertId: row.alertId,
            postId: row.postId,
            version: row.version,
            remindedAt: row.remindedAt.toISOString(),
          },
        ],
  );
}

function presentList(row: DistributionListRow): DistributionListView {
  return {
    listId: row.id,
    name: row.name,
    ownerPostId: row.ownerPostId,
    postIds: row.postIds,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Every distribution list (the directory of posts is visible to members anyway). */
export async function distributionLists(hub: HubContext): Promise<DistributionListView[]> {
  return (await listDistributionLists(hub.database.db)).map(presentList);
}

/** Creates a named list of posts, owned by a post. */
export async function createDistributionList(
  hub: HubContext,
  actor: AuthenticatedActor,
  body: z.infer<typeof createDistributionListBodySchema>,
): Promise<DistributionListView> {
  const db = hub.database.db;
  const owner = await findPost(db, body.ownerPostId);
  if (!owner) throw new AppError("not_found", "No such post.");
  enforce(
    mayManageDistributionList(actor, {
      heldPostIds: await heldPosts(db, actor.personId),
      ownerPostId: owner.id,
      ownerCountry: owner.country,
    }),
    "Only the owner post's holder, its coordinator or an administrator may do this.",
  );
  const postIds = [...new Set(body.postIds)].sort();
  for (const postId of postIds) {
    if (!(await findPost(db, postId))) {
      throw new AppError("validation_failed", "A post of the list does not exist.", [
        { path: "body.postIds", message: `no post ${postId}` },
      ]);
    }
  }
  if (await findDistributionList(db, body.listId)) {
    throw new AppError("conflict", "This list id is taken.");
  }
  const row: DistributionListRow = {
    id: body.listId,
    name: body.name,
    ownerPostId: owner.id,
    postIds,
    createdAt: hub.now(),
  };
  await insertDistributionList(db, row);
  return presentList(row);
}
