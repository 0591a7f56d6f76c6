import { transitionOf } from "./lifecycle.ts";
import type { MlaAction, MlaSide, MlaStatus, RefusalGround } from "./lifecycleVocabulary.ts";
import type { MlaTransitionStatement } from "./transitionStatement.ts";

/** What a side asks for when it moves a request; the statement's `to` follows from the table. */
export interface MlaTransitionInput {
  readonly action: MlaAction;
  readonly side: MlaSide;
  /** The status the actor saw: a statement made on a stale status is refused. */
  readonly from: MlaStatus;
  /** Coded grounds, for a refusal only. */
  readonly grounds?: readonly RefusalGround[] | undefined;
}

/**
 * The log entry of a transition, built from the request alone: the SDK builds it to sign, the
 * hub rebuilds it to verify the signature (as `shared/alerts/entryBuilders.ts` does). Grounds
 * are deduplicated and sorted so that both sides build the same bytes.
 */
export function mlaTransitionEntry(
  requestId: string,
  input: MlaTransitionInput,
  at: string,
): MlaTransitionStatement {
  const row = transitionOf(input.action);
  return {
    v: 1,
    type: "mla-transition",
    requestId,
    action: input.action,
    side: input.side,
    from: input.from,
    to: row.to === "unchanged" ? input.from : row.to,
    ...(input.grounds !== undefined ? { grounds: [...new Set(input.grounds)].sort() } : {}),
    at,
  };
}

/** The entry that registers a request with the hub: `send`, by the requesting side, from draft. */
export function mlaSentEntry(requestId: string, at: string): MlaTransitionStatement {
  return mlaTransitionEntry(requestId, { action: "send", side: "requesting", from: "draft" }, at);
}
