import { z } from "zod";

/**
 * What a client can catch a hub doing to the transparency log (DESIGN.md §5). Every kind is
 * evidence that the hub, or someone between it and us, served something the log's math or
 * signatures refute; none is a transient network failure.
 */
export const securityAlertKindSchema = z.enum([
  /** The hub's log key differs from the one pinned at first contact. */
  "log_key_changed",
  /** A tree head whose signature does not verify with the pinned log key. */
  "bad_head_signature",
  /** A newer head that does not extend the accepted one: a forked or rolled-back log. */
  "inconsistent_head",
  /** An inclusion proof that does not lead to the accepted head's root. */
  "inclusion_failed",
  /** The leaves the hub served do not hash to its signed head: a rewritten past leaf. */
  "leaves_mismatch",
  /** A leaf that is not a canonical, correctly signed log entry. */
  "invalid_leaf",
  /** A device, role or revocation that does not chain back to the network root. */
  "broken_chain",
  /** The hub served a device whose keys differ from the ones its log records. */
  "substituted_key",
  /** The hub shows a post's holders otherwise than the assignments its log records. */
  "register_mismatch",
  /** The hub named a recipient device for a channel that the log does not make one. */
  "unlogged_recipient",
]);
/** See {@link securityAlertKindSchema}. */
export type SecurityAlertKind = z.infer<typeof securityAlertKindSchema>;

/** A persistent security alert: stored with the accepted head until the user clears it. */
export const securityAlertSchema = z
  .object({
    kind: securityAlertKindSchema,
    /** One sentence for a human. */
    message: z.string(),
    /** The hub the alert is about. */
    hubUrl: z.string(),
    /** When this client detected it (ISO 8601). */
    detectedAt: z.string(),
    /** Evidence: sizes, indices, hashes and keys (public values only). */
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .strict();
/** See {@link securityAlertSchema}. */
export type SecurityAlert = z.infer<typeof securityAlertSchema>;

/** Evidence attached to an alert. */
export type AlertDetails = SecurityAlert["details"];

/**
 * Stable identifiers of the log verifier's failures:
 * - `security_alert`: the hub was caught misbehaving, or an earlier alert is still stored; the
 *   error carries the {@link SecurityAlert}. Never retry: show it and stop.
 * - `not_in_log`: the device or leaf is not (yet) in the log the hub signed; do not use it.
 * - `device_revoked`: the log records the device's revocation; do not encrypt to it.
 */
export type LogVerificationErrorCode = "security_alert" | "not_in_log" | "device_revoked";

/** The SDK's typed error for log verification; branch on `code`. */
export class LogVerificationError extends Error {
  override readonly name = "LogVerificationError";
  /** Stable identifier to branch on. */
  readonly code: LogVerificationErrorCode;
  /** The alert, for `security_alert`. */
  readonly alert: SecurityAlert | null;

  constructor(
    code: LogVerificationErrorCode,
    message: string,
    options: { alert?: SecurityAlert; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.alert = options.alert ?? null;
  }
}

/**
 * The error thrown for `alert`: code `security_alert`, the alert attached; `cause` is set when
 * the alert could not be stored.
 */
export function securityAlertError(alert: SecurityAlert, cause?: unknown): LogVerificationError {
  return new LogVerificationError(
    "security_alert",
    `security alert (${alert.kind}): ${alert.message}`,
    { alert, cause },
  );
}
