import type { AlertRuleReason } from "#shared/alerts/distribution";

/**
 * Failures an {@link AlertClient} detects on this side, before the hub is asked. Stable codes:
 * - `distribution_refused`: the TLP or handling rules forbid this addressing or forwarding (the
 *   `reasons` say which rule);
 * - `no_recipients`: the addressing resolves to no post besides the issuer's;
 * - `not_holder`: the user holds no post that may act here (or several, and none was named);
 * - `unreadable_alert`: the alert's channel holds no readable version of the alert;
 * - `metadata_mismatch`: a decrypted version disagrees with the hub's metadata.
 */
export type AlertClientErrorCode =
  | "distribution_refused"
  | "no_recipients"
  | "not_holder"
  | "unreadable_alert"
  | "metadata_mismatch";

/** A typed failure of the alerts SDK; the hub's refusals stay `HubError`s. */
export class AlertClientError extends Error {
  override readonly name = "AlertClientError";

  constructor(
    readonly code: AlertClientErrorCode,
    message: string,
    readonly reasons: readonly AlertRuleReason[] = [],
  ) {
    super(message);
  }
}
