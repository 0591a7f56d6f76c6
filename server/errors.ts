import type { ErrorBody, ErrorCode } from "#shared/errors";

/** The HTTP status of every error code; acknowledgements carry the code alone. */
const statusByCode: Record<ErrorCode, number> = {
  malformed_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 400,
  not_found: 404,
  internal: 500,
  not_ready: 503,
  ack_required: 400,
  unknown_event: 400,
  rate_limited: 429,
  unauthenticated: 401,
  forbidden: 403,
  invalid_credentials: 401,
  invalid_totp: 401,
  invalid_device_signature: 401,
  challenge_expired: 401,
  session_expired: 401,
  session_revoked: 401,
  device_revoked: 401,
  device_unknown: 401,
  device_pending: 403,
  person_suspended: 403,
  enrolment_code_invalid: 400,
  enrolment_code_expired: 400,
  enrolment_code_used: 400,
  weak_password: 400,
  username_taken: 409,
  conflict: 409,
  unknown_channel: 404,
  not_member: 403,
  sender_mismatch: 403,
  stale_epoch: 409,
  rotation_required: 409,
  recipients_mismatch: 409,
  message_too_large: 413,
  attachment_too_large: 413,
  unknown_upload: 404,
  upload_incomplete: 409,
  upload_size_mismatch: 400,
  too_many_uploads: 429,
  distribution_refused: 403,
  alert_closed: 409,
  version_conflict: 409,
  invalid_transition: 409,
  wrong_side: 403,
  request_closed: 409,
  request_incomplete: 400,
  judicial_use_forbidden: 403,
};

/** An error whose code and message may be shown to the client. Anything else becomes `internal`. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorBody["issues"],
    /** Extra response headers, such as Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = statusByCode[code];
  }

  toBody(): ErrorBody {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** The status code an error code maps to over HTTP. */
export function httpStatusOf(code: ErrorCode): number {
  return statusByCode[code];
}

/** The body sent for any error that is not an {@link AppError}: nothing internal leaks. */
export const internalErrorBody: ErrorBody = {
  code: "internal",
  message: "The hub could not complete the request.",
};
