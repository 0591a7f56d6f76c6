import type { MlaAction, MlaSide, MlaStatus } from "./lifecycleVocabulary.ts";

/**
 * The lifecycle of an MLA request as data (DESIGN.md §9, docs/mla.md). The hub's policies call
 * {@link checkTransition}; clients call it too, to offer only the actions that will be accepted.
 */

/** One row of the transition table. */
export interface MlaTransition {
  readonly action: MlaAction;
  /** The statuses the action may start from. */
  readonly from: readonly MlaStatus[];
  /** The status it leads to; `unchanged` for the two information actions. */
  readonly to: MlaStatus | "unchanged";
  /** The only side that may take it. */
  readonly side: MlaSide;
  /** Whether the signed statement must carry coded grounds (a refusal does). */
  readonly groundsRequired: boolean;
}

/** The statuses from which the requested side is still working on the request. */
const open: readonly MlaStatus[] = ["sent", "acknowledged", "in_execution", "partially_executed"];

/**
 * Every transition. Requests for additional information do not end the request and do not move
 * it: `request_information` raises the hub-visible `awaitingInformation` flag and
 * `provide_information` lowers it, so the status keeps saying how far execution has gone.
 */
export const mlaTransitions: readonly MlaTransition[] = [
  { action: "send", from: ["draft"], to: "sent", side: "requesting", groundsRequired: false },
  {
    action: "acknowledge",
    from: ["sent"],
    to: "acknowledged",
    side: "requested",
    groundsRequired: false,
  },
  {
    action: "start_execution",
    from: ["acknowledged"],
    to: "in_execution",
    side: "requested",
    groundsRequired: false,
  },
  {
    action: "report_partial_execution",
    from: ["in_execution", "partially_executed"],
    to: "partially_executed",
    side: "requested",
    groundsRequired: false,
  },
  {
    action: "complete_execution",
    from: ["in_execution", "partially_executed"],
    to: "executed",
    side: "requested",
    groundsRequired: false,
  },
  { action: "refuse", from: open, to: "refused", side: "requested", groundsRequired: true },
  {
    action: "withdraw",
    from: ["draft", ...open],
    to: "withdrawn",
    side: "requesting",
    groundsRequired: false,
  },
  {
    action: "request_information",
    from: open,
    to: "unchanged",
    side: "requested",
    groundsRequired: false,
  },
  {
    action: "provide_information",
    from: open,
    to: "unchanged",
    side: "requesting",
    groundsRequired: false,
  },
];

/** The statuses that end a request: no action applies to them any more. */
export const finalStatuses: ReadonlySet<MlaStatus> = new Set(["executed", "refused", "withdrawn"]);

/** Why an action is refused; stable codes that the hub maps to its errors. */
export type TransitionRefusal =
  /** The request is executed, refused or withdrawn: nothing may happen to it any more. */
  | "request_closed"
  /** The action does not apply to the current status. */
  | "invalid_transition"
  /** The action belongs to the other side. */
  | "wrong_side"
  /** `provide_information` while no information was requested. */
  | "no_information_requested"
  /** `request_information` while an earlier request is still unanswered. */
  | "information_already_requested";

/** The outcome of {@link checkTransition}. */
export type TransitionCheck =
  | { ok: true; to: MlaStatus; awaitingInformation: boolean; groundsRequired: boolean }
  | { ok: false; reason: TransitionRefusal };

/** The table row of `action` (every action has exactly one). */
export function transitionOf(action: MlaAction): MlaTransition {
  const row = mlaTransitions.find((transition) => transition.action === action);
  if (row === undefined) throw new Error(`no transition for ${action}`);
  return row;
}

/**
 * Whether `side` may take `action` on a request in status `from` (with an unanswered request
 * for information when `awaitingInformation`), and where it leads. Checks, in order: a closed
 * request, an action that does not apply to the status, the wrong side, the information flag.
 */
export function checkTransition(
  from: MlaStatus,
  action: MlaAction,
  side: MlaSide,
  awaitingInformation = false,
): TransitionCheck {
  if (finalStatuses.has(from)) return { ok: false, reason: "request_closed" };
  const row = transitionOf(action);
  if (!row.from.includes(from)) return { ok: false, reason: "invalid_transition" };
  if (row.side !== side) return { ok: false, reason: "wrong_side" };
  if (action === "provide_information" && !awaitingInformation) {
    return { ok: false, reason: "no_information_requested" };
  }
  if (action === "request_information" && awaitingInformation) {
    return { ok: false, reason: "information_already_requested" };
  }
  const to = row.to === "unchanged" ? from : row.to;
  // A final answer or a withdrawal settles any open question; the information actions set it.
  const nextAwaiting =
    action === "request_information"
      ? true
      : action === "provide_information" || finalStatuses.has(to)
        ? false
        : awaitingInformation;
  return { ok: true, to, awaitingInformation: nextAwaiting, groundsRequired: row.groundsRequired };
}

/** The actions `side` may take now, in table order (for menus and the CLI's help). */
export function availableActions(
  status: MlaStatus,
  side: MlaSide,
  awaitingInformation = false,
): MlaAction[] {
  return mlaTransitions
    .filter((row) => checkTransition(status, row.action, side, awaitingInformation).ok)
    .map((row) => row.action);
}
