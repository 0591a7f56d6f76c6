import { judicialUseAllowed } from "#shared/alerts/distribution";
import type { AlertMetadata } from "#shared/alerts/metadata";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { type AlertRow, listForwards, listPermissionDecisions } from "../../store/alerts";
import type { Executor } from "../../store/executor";
import { presentPermissionDecision } from "../alerts/alertPermissions";
import { loadAlert } from "../alerts/alertRecords";

/** The hub-visible metadata of a stored alert, in the shared form the handling rules read. */
function metadataOf(row: AlertRow): AlertMetadata {
  return {
    v: 1,
    alertId: row.id,
    version: row.version,
    issuerPostId: row.issuerPostId,
    recipients: row.addressing,
    tlp: row.tlp,
    handling: row.handling,
    urgent: row.urgent,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/**
 * Refuses, with `judicial_use_forbidden`, a request that references an alert the requesting
 * post may not use in judicial proceedings (DESIGN.md §9): one it never received (issued,
 * addressed or forwarded to it), or one whose handling code (H1 and above) needs the
 * originator's permission for judicial use that the requesting post was not granted.
 */
export async function assertJudicialUse(
  hub: HubContext,
  db: Executor,
  alertIds: readonly string[],
  requestingPostId: string,
): Promise<void> {
  for (const [index, alertId] of alertIds.entries()) {
    const path = `body.alertIds.${index}`;
    const alert = await loadAlert(db, alertId).catch(() => {
      throw new AppError("validation_failed", "A referenced alert does not exist.", [
        { path, message: `no alert ${alertId}` },
      ]);
    });
    const forwards = await listForwards(db, alertId);
    const readers = new Set([
      alert.row.issuerPostId,
      ...alert.recipientPostIds,
      ...forwards.flatMap((forward) => forward.toPostIds),
    ]);
    if (!readers.has(requestingPostId)) {
      throw new AppError(
        "judicial_use_forbidden",
        "The requesting post never received this alert.",
        [{ path, message: `alert ${alertId} was not issued, addressed or forwarded to the post` }],
      );
    }
    const decisions = (await listPermissionDecisions(db, alertId)).map((row) =>
      presentPermissionDecision(row.decision, row.request),
    );
    const verdict = judicialUseAllowed(metadataOf(alert.row), decisions, {
      postId: requestingPostId,
      at: hub.now(),
    });
    if (!verdict.allowed) {
      throw new AppError(
        "judicial_use_forbidden",
        `Alert ${alertId} may not be used in judicial proceedings without its originator's permission.`,
        verdict.reasons.map((reason) => ({ path, message: `${reason.code}: ${reason.message}` })),
      );
    }
  }
}
