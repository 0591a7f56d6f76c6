import type { AlertRuleReason } from "#shared/alerts/distribution";
import type { CompletenessFinding } from "#shared/mla/completenessCodes";

/**
 * Failures an {@link MlaClient} detects on this side, before the hub is asked. Stable codes:
 * - `request_incomplete`: the completeness check lists findings (in `findings`);
 * - `judicial_use_forbidden`: a referenced alert's handling code forbids judicial use without a
 *   permission the requesting post holds (the `reasons` say which rule);
 * - `not_holder`: I hold no post of the request, or not the one the action belongs to;
 * - `unreadable_request`: the request's channel holds no readable request matching the hub's
 *   metadata.
 */
export type MlaClientErrorCode =
  | "request_incomplete"
  | "judicial_use_forbidden"
  | "not_holder"
  /** The requested post acts for no central authority (nor is it designated for MLA). */
  | "not_central_authority"
  | "unreadable_request";

/** A typed failure of the MLA SDK; the hub's refusals stay `HubError`s. */
export class MlaClientError extends Error {
  override readonly name = "MlaClientError";

  constructor(
    readonly code: MlaClientErrorCode,
    message: string,
    readonly details: {
      readonly findings?: readonly CompletenessFinding[];
      readonly reasons?: readonly AlertRuleReason[];
    } = {},
  ) {
    super(message);
  }
}
