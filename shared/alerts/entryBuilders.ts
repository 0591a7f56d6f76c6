import type { z } from "zod";
import type {
  ForwardAlertBody,
  IssueAlertBody,
  PermissionDecisionBody,
  PermissionRequestBody,
  UpdateAlertBody,
} from "../api/alerts.ts";
import type {
  alertAcknowledgedEntrySchema,
  alertForwardedEntrySchema,
  alertIssuedEntrySchema,
  alertPermissionDecidedEntrySchema,
  alertPermissionRequestedEntrySchema,
  alertUpdatedEntrySchema,
  alertWithdrawnEntrySchema,
} from "../log/alertEntries.ts";

/**
 * The log entries of alert actions, built from the request alone: the SDK builds them to sign,
 * the hub rebuilds them to verify the signature (as `shared/channels/entryBuilders.ts` does).
 * Lists of posts are sorted and deduplicated so that both sides build the same bytes.
 */

const sorted = (ids: readonly string[]) => [...new Set(ids)].sort();

export function alertIssuedEntry(
  body: Omit<IssueAlertBody, "log">,
  at: string,
): z.infer<typeof alertIssuedEntrySchema> {
  return {
    v: 1,
    type: "alert-issued",
    alertId: body.alertId,
    version: 1,
    issuerPostId: body.issuerPostId,
    channelId: body.channelId,
    recipientPostIds: sorted(body.recipientPostIds),
    addressing: body.addressing,
    tlp: body.tlp,
    handling: body.handling,
    urgent: body.urgent,
    expiresAt: body.expiresAt,
    at,
  };
}

export function alertUpdatedEntry(
  alertId: string,
  issuerPostId: string,
  body: Omit<UpdateAlertBody, "log">,
  at: string,
): z.infer<typeof alertUpdatedEntrySchema> {
  return {
    v: 1,
    type: "alert-updated",
    alertId,
    version: body.version,
    issuerPostId,
    tlp: body.tlp,
    handling: body.handling,
    urgent: body.urgent,
    expiresAt: body.expiresAt,
    at,
  };
}

export function alertAcknowledgedEntry(
  alertId: string,
  version: number,
  postId: string,
  at: string,
): z.infer<typeof alertAcknowledgedEntrySchema> {
  return { v: 1, type: "alert-acknowledged", alertId, version, postId, at };
}

export function alertWithdrawnEntry(
  alertId: string,
  issuerPostId: string,
  at: string,
): z.infer<typeof alertWithdrawnEntrySchema> {
  return { v: 1, type: "alert-withdrawn", alertId, issuerPostId, at };
}

export function alertPermissionRequestedEntry(
  alertId: string,
  body: Omit<PermissionRequestBody, "log" | "justification" | "alertVersion">,
  at: string,
): z.infer<typeof alertPermissionRequestedEntrySchema> {
  return {
    v: 1,
    type: "alert-permission-requested",
    alertId,
    requestId: body.requestId,
    purpose: body.purpose,
    requestingPostId: body.requestingPostId,
    ...(body.targetPostIds ? { targetPostIds: sorted(body.targetPostIds) } : {}),
    at,
  };
}

export function alertPermissionDecidedEntry(
  alertId: string,
  requestId: string,
  decidedByPostId: string,
  body: Pick<PermissionDecisionBody, "decision" | "validUntil">,
  at: string,
): z.infer<typeof alertPermissionDecidedEntrySchema> {
  return {
    v: 1,
    type: "alert-permission-decided",
    alertId,
    requestId,
    decidedByPostId,
    decision: body.decision,
    ...(body.validUntil ? { validUntil: body.validUntil } : {}),
    at,
  };
}

export function alertForwardedEntry(
  alertId: string,
  body: Omit<ForwardAlertBody, "log">,
  at: string,
): z.infer<typeof alertForwardedEntrySchema> {
  return {
    v: 1,
    type: "alert-forwarded",
    alertId,
    version: body.version,
    fromPostId: body.fromPostId,
    toPostIds: sorted(body.toPostIds),
    channelId: body.channelId,
    at,
  };
}
