import { checkTransition } from "#shared/mla/lifecycle";
import type { MlaSide } from "#shared/mla/lifecycleVocabulary";
import type { MlaTransitionStatement } from "#shared/mla/transitionStatement";
import type { Actor, AuthenticatedActor, Decision, Policy } from "./actor";
import { allow, deny, rolesOnly } from "./actor";

/**
 * Who may do what with MLA requests (DESIGN.md §9, docs/mla.md "On the hub"). Role rules run
 * before a handler; the rules that depend on the register (who holds which post) and on the
 * request's status are the pure functions below, called by the commands with the facts.
 */

/** Sending, tracking and moving requests: the network's members, never auditors. */
export const canUseMla: Policy<unknown> = rolesOnly("administrator", "coordinator", "focal_point");

/** The hub-visible parties of a request. */
export interface MlaParties {
  readonly requestingPostId: string;
  readonly requestedPostId: string;
  readonly requestingCountry: string;
  readonly requestedCountry: string;
}

/** The sides whose post the actor holds (both, in the odd case of one person holding both). */
export function sidesHeld(heldPostIds: readonly string[], parties: MlaParties): MlaSide[] {
  const sides: MlaSide[] = [];
  if (heldPostIds.includes(parties.requestingPostId)) sides.push("requesting");
  if (heldPostIds.includes(parties.requestedPostId)) sides.push("requested");
  return sides;
}

/** The post that acts for `side`. */
export function postOfSide(parties: MlaParties, side: MlaSide): string {
  return side === "requesting" ? parties.requestingPostId : parties.requestedPostId;
}

/** Sending a request in a post's name: holding the requesting post. */
export function maySendFor(heldPostIds: readonly string[], requestingPostId: string): Decision {
  return heldPostIds.includes(requestingPostId)
    ? allow
    : deny("forbidden", "only a holder of the requesting post may send in its name");
}

/**
 * Reading a request's metadata and history: holding one of its posts, or being a national
 * coordinator of one of its two countries (who sees the metadata, never the content).
 */
export function mayReadMlaRequest(
  actor: Actor,
  heldPostIds: readonly string[],
  parties: MlaParties,
): Decision {
  if (sidesHeld(heldPostIds, parties).length > 0) return allow;
  if (
    actor.kind === "person" &&
    actor.role === "coordinator" &&
    (actor.country === parties.requestingCountry || actor.country === parties.requestedCountry)
  ) {
    return allow;
  }
  return deny("forbidden", "you hold neither post of this request");
}

/** The countries whose requests `actor` sees as a national coordinator. */
export function coordinatedCountries(actor: AuthenticatedActor): string[] {
  return actor.role === "coordinator" && actor.country !== null ? [actor.country] : [];
}

/** Why a transition is refused, with the hub's stable code. */
export type MlaTransitionRefusal = {
  readonly allowed: false;
  readonly code: "forbidden" | "wrong_side" | "invalid_transition" | "request_closed" | "conflict";
  readonly reason: string;
};

/**
 * Whether the actor may make the transition `statement` describes on a request now in
 * `current`: the lifecycle table (`checkTransition`) for the side the statement names, that
 * the actor holds that side's post, and that the statement starts from the current status.
 * Refusals, in order: `request_closed`, `invalid_transition` (the action does not apply now,
 * information already requested or not requested), `wrong_side`, `forbidden` (a party to
 * neither side), `conflict` (a statement made on a status that has since moved).
 */
export function decideMlaTransition(
  heldPostIds: readonly string[],
  parties: MlaParties,
  current: { status: MlaTransitionStatement["from"]; awaitingInformation: boolean },
  statement: Pick<MlaTransitionStatement, "action" | "side" | "from">,
): { readonly allowed: true } | MlaTransitionRefusal {
  const held = sidesHeld(heldPostIds, parties);
  if (held.length === 0) {
    return { allowed: false, code: "forbidden", reason: "you hold neither post of this request" };
  }
  const check = checkTransition(
    current.status,
    statement.action,
    statement.side,
    current.awaitingInformation,
  );
  if (!check.ok) {
    switch (check.reason) {
      case "request_closed":
        return {
          allowed: false,
          code: "request_closed",
          reason: `the request is ${current.status}`,
        };
      case "wrong_side":
        return {
          allowed: false,
          code: "wrong_side",
          reason: `${statement.action} belongs to the other side`,
        };
      case "invalid_transition":
        return {
          allowed: false,
          code: "invalid_transition",
          reason: `${statement.action} does not apply to a request ${current.status}`,
        };
      case "no_information_requested":
        return {
          allowed: false,
          code: "invalid_transition",
          reason: "no information was requested",
        };
      case "information_already_requested":
        return {
          allowed: false,
          code: "invalid_transition",
          reason: "information was already requested and not yet provided",
        };
    }
  }
  if (!held.includes(statement.side)) {
    return {
      allowed: false,
      code: "wrong_side",
      reason: `you do not hold the ${statement.side} post`,
    };
  }
  if (statement.from !== current.status) {
    return {
      allowed: false,
      code: "conflict",
      reason: `the request is now ${current.status}, not ${statement.from}`,
    };
  }
  return { allowed: true };
}
