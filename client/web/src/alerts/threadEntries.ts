import type { ReceivedFollowUp } from "#client/core/alerts/alertThread";
import type { PermissionDecision, PermissionRequest } from "#shared/alerts/thread";
import type { AlertDetail } from "#shared/api/alerts";

/** One entry of an alert's thread, in the order things happened. */
export type ThreadEntry =
  | {
      kind: "followUp";
      at: string;
      id: string;
      item: ReceivedFollowUp;
      /** The answers to this follow-up (and to those answers), oldest first. */
      answers: ReceivedFollowUp[];
    }
  | {
      kind: "request";
      at: string;
      id: string;
      request: PermissionRequest;
      /** The decision that counts: the latest on this request, if any. */
      latest: PermissionDecision | undefined;
    }
  | { kind: "decision"; at: string; id: string; decision: PermissionDecision }
  | { kind: "forward"; at: string; id: string; forward: AlertDetail["forwards"][number] };

/**
 * The follow-up each reply hangs under: the first of its chain of `inReplyTo` that answers
 * nothing shown here. A reply to a follow-up this device cannot read stays on its own.
 */
function threadRoots(followUps: readonly ReceivedFollowUp[]): Map<string, string> {
  const byId = new Map(followUps.map((item) => [item.followUp.metadata.followUpId, item]));
  const roots = new Map<string, string>();
  for (const item of followUps) {
    let current = item;
    const seen = new Set<string>();
    for (;;) {
      const { followUpId, inReplyTo } = current.followUp.metadata;
      seen.add(followUpId);
      const parent = inReplyTo === undefined ? undefined : byId.get(inReplyTo);
      if (parent === undefined) break;
      if (seen.has(parent.followUp.metadata.followUpId)) {
        // A forged loop of replies: show the follow-up on its own rather than lose it.
        current = item;
        break;
      }
      current = parent;
    }
    roots.set(item.followUp.metadata.followUpId, current.followUp.metadata.followUpId);
  }
  return roots;
}

/**
 * The thread under an alert: follow-ups (decrypted from the channel) with their answers nested
 * under them, and from the hub's record the permission requests, the issuer's decisions and the
 * forwards, oldest first.
 */
export function threadEntries(
  detail: AlertDetail,
  followUps: readonly ReceivedFollowUp[],
): ThreadEntry[] {
  const latest = new Map<string, PermissionDecision>();
  for (const decision of detail.permissionDecisions) {
    const known = latest.get(decision.requestId);
    if (known === undefined || known.decidedAt <= decision.decidedAt) {
      latest.set(decision.requestId, decision);
    }
  }
  const roots = threadRoots(followUps);
  const answers = new Map<string, ReceivedFollowUp[]>();
  for (const item of followUps) {
    const root = roots.get(item.followUp.metadata.followUpId);
    if (root === undefined || root === item.followUp.metadata.followUpId) continue;
    answers.set(root, [...(answers.get(root) ?? []), item]);
  }
  const entries: ThreadEntry[] = [
    ...followUps
      .filter(
        (item) =>
          roots.get(item.followUp.metadata.followUpId) === item.followUp.metadata.followUpId,
      )
      .map((item) => ({
        kind: "followUp" as const,
        at: item.storedAt,
        id: `f-${item.followUp.metadata.followUpId}`,
        item,
        answers: answers.get(item.followUp.metadata.followUpId) ?? [],
      })),
    ...detail.permissionRequests.map((request) => ({
      kind: "request" as const,
      at: request.requestedAt,
      id: `r-${request.requestId}`,
      request,
      latest: latest.get(request.requestId),
    })),
    ...detail.permissionDecisions.map((decision, index) => ({
      kind: "decision" as const,
      at: decision.decidedAt,
      id: `d-${decision.requestId}-${index}`,
      decision,
    })),
    ...detail.forwards.map((forward) => ({
      kind: "forward" as const,
      at: forward.forwardedAt,
      id: `w-${forward.channelId}`,
      forward,
    })),
  ];
  return entries.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

/**
 * The requests for information that I may answer: asked by a post I do not hold and not yet
 * answered by one I hold. Others may have answered already; each post may still add its own.
 */
export function requestsToAnswer(
  followUps: readonly ReceivedFollowUp[],
  heldPostIds: ReadonlySet<string>,
): ReceivedFollowUp[] {
  const answeredByMe = new Set(
    followUps
      .filter(({ followUp }) => heldPostIds.has(followUp.metadata.authorPostId))
      .flatMap(({ followUp }) =>
        followUp.metadata.inReplyTo ? [followUp.metadata.inReplyTo] : [],
      ),
  );
  return followUps.filter(
    ({ followUp: { metadata } }) =>
      metadata.kind === "request_for_information" &&
      !heldPostIds.has(metadata.authorPostId) &&
      !answeredByMe.has(metadata.followUpId),
  );
}
