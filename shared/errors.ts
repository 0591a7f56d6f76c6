import { z } from "zod";

/**
 * Every error code the hub can return, over HTTP or in a socket acknowledgement.
 * Codes are stable: clients branch on them, so a code is never renamed or reused.
 */
export const errorCodeSchema = z.enum([
  // Transport and input
  "malformed_json",
  "payload_too_large",
  "unsupported_media_type",
  "validation_failed",
  "not_found",
  "internal",
  "not_ready",
  "ack_required",
  "unknown_event",
  "rate_limited",
  // Authentication and authorization
  "unauthenticated",
  "forbidden",
  "invalid_credentials",
  "invalid_totp",
  "invalid_device_signature",
  "challenge_expired",
  "session_expired",
  "session_revoked",
  "device_revoked",
  "device_unknown",
  "device_pending",
  "person_suspended",
  "enrolment_code_invalid",
  "enrolment_code_expired",
  "enrolment_code_used",
  "weak_password",
  "username_taken",
  "conflict",
  // Channels
  "unknown_channel",
  "not_member",
  "sender_mismatch",
  "stale_epoch",
  "rotation_required",
  "recipients_mismatch",
  "message_too_large",
  "attachment_too_large",
  "unknown_upload",
  "upload_incomplete",
  "upload_size_mismatch",
  "too_many_uploads",
  // Alerts
  "distribution_refused",
  "alert_closed",
  "version_conflict",
  // MLA requests
  "invalid_transition",
  "wrong_side",
  "request_closed",
  "request_incomplete",
  "judicial_use_forbidden",
]);

/** A stable machine-readable error code (see {@link errorCodeSchema}). */
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The body of every error response and of every failed acknowledgement. */
export const errorBodySchema = z
  .object({
    code: errorCodeSchema,
    message: z.string(),
    /** Field-level problems, present for `validation_failed`. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Error" });

export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Converts zod issues into the path/message pairs clients display next to fields. */
export function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): { path: string; message: string }[] {
  return issues.map((issue) => ({
    path: issue.path.map((part) => String(part)).join(".") || "(root)",
    message: issue.message,
  }));
}
