import type { ErrorBody, ErrorCode } from "#shared/errors";

/**
 * The hub refused a request: an HTTP error response or a refused socket connection. `code` is one
 * of the hub's stable {@link ErrorCode}s; branch on it, never on `message`.
 */
export class HubError extends Error {
  override readonly name = "HubError";
  /** The hub's stable error code. */
  readonly code: ErrorCode;
  /** The HTTP status; null when the hub refused a socket connection. */
  readonly status: number | null;
  /** Field-level problems, present for `validation_failed`. */
  readonly issues: ErrorBody["issues"];
  /** Seconds to wait before retrying, from `Retry-After` (for `rate_limited`). */
  readonly retryAfterSeconds: number | null;

  constructor(
    body: ErrorBody,
    status: number | null,
    options: { retryAfterSeconds?: number | null; cause?: unknown } = {},
  ) {
    super(body.message, { cause: options.cause });
    this.code = body.code;
    this.status = status;
    this.issues = body.issues;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/**
 * Failures detected on this side, before or after talking to the hub. Stable identifiers:
 * - `hub_unreachable`: the network request or the socket connection failed;
 * - `invalid_response`: the hub answered something that does not match the shared contract;
 * - `untrusted_device`: a device registration whose self-signature does not verify, or that
 *   does not describe the device it came with (the hub may be substituting keys);
 * - `device_not_pending`: the device to approve is not among the pending devices I may approve;
 * - `ack_timeout`: the hub did not acknowledge a socket event in time;
 * - `device_locked`: the action writes the transparency log, but no device keys are unlocked.
 */
export type ClientErrorCode =
  | "hub_unreachable"
  | "invalid_response"
  | "untrusted_device"
  | "device_not_pending"
  | "ack_timeout"
  | "device_locked"
  /** No socket is attached or connected for a call that needs one. */
  | "not_connected"
  /** This device has no key for the epoch it needs (e.g. before its arrival). */
  | "no_epoch_key"
  /** A channel whose posts have no holder with an active device. */
  | "no_recipients";

/** The SDK's own errors (see {@link ClientErrorCode}); the hub's refusals are {@link HubError}s. */
export class ClientError extends Error {
  override readonly name = "ClientError";
  /** Stable identifier to branch on. */
  readonly code: ClientErrorCode;
  /** The HTTP status of the response that caused it, if any. */
  readonly status: number | null;

  constructor(
    code: ClientErrorCode,
    message: string,
    options: { status?: number | null; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status ?? null;
  }
}
