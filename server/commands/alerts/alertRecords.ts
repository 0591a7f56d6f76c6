import type { AlertView } from "#shared/api/alerts";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayReadAlert } from "../../policies/alerts";
import { type AlertRow, findAlert, listForwards, recipientsOf } from "../../store/alerts";
import { heldPosts } from "../../store/channels";
import type { Executor } from "../../store/executor";
import { enforce } from "../register/postRecords";

/** An alert's row with its recipient posts. */
export interface LoadedAlert {
  readonly row: AlertRow;
  readonly recipientPostIds: readonly string[];
}

/** Loads an alert or throws `not_found`. */
export async function loadAlert(db: Executor, alertId: string): Promise<LoadedAlert> {
  const row = await findAlert(db, alertId);
  if (!row) throw new AppError("not_found", "No such alert.");
  const recipients = await recipientsOf(db, [alertId]);
  return { row, recipientPostIds: recipients.get(alertId) ?? [] };
}

/** Loads an alert the actor may read (issuer, recipient or forward target), with their posts. */
export async function loadReadableAlert(
  db: Executor,
  actor: AuthenticatedActor,
  alertId: string,
): Promise<LoadedAlert & { heldPostIds: string[] }> {
  const alert = await loadAlert(db, alertId);
  const heldPostIds = await heldPosts(db, actor.personId);
  const forwards = await listForwards(db, alertId);
  enforce(
    mayReadAlert(actor, heldPostIds, {
      issuerPostId: alert.row.issuerPostId,
      recipientPostIds: alert.recipientPostIds,
      forwardedToPostIds: forwards.flatMap((forward) => forward.toPostIds),
    }),
    "You hold none of this alert's posts.",
  );
  return { ...alert, heldPostIds };
}

/** Throws `alert_closed` when the alert is withdrawn, expired, or past its expiry at `now`. */
export function assertOpenAt(row: AlertRow, now: Date): void {
  if (row.withdrawnAt !== null) throw new AppError("alert_closed", "This alert was withdrawn.");
  if (row.expiredAt !== null || row.expiresAt.getTime() <= now.getTime()) {
    throw new AppError("alert_closed", "This alert has expired.");
  }
}

/** An alert's metadata as members see it. */
export function presentAlert(row: AlertRow, recipientPostIds: readonly string[]): AlertView {
  return {
    alertId: row.id,
    version: row.version,
    issuerPostId: row.issuerPostId,
    channelId: row.channelId,
    recipientPostIds: [...recipientPostIds],
    addressing: row.addressing,
    tlp: row.tlp,
    handling: row.handling,
    urgent: row.urgent,
    status: row.expiredAt !== null ? "expired" : row.withdrawnAt !== null ? "withdrawn" : "active",
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    expiredAt: row.expiredAt?.toISOString() ?? null,
  };
}

/** The alert's view after a change. */
export async function reloadAlertView(hub: HubContext, alertId: string): Promise<AlertView> {
  const { row, recipientPostIds } = await loadAlert(hub.database.db, alertId);
  return presentAlert(row, recipientPostIds);
}
