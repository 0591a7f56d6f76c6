import type { DeadlineNoticeKind, MlaStatus } from "./lifecycleVocabulary.ts";

/**
 * Deadline reminders and escalation as pure functions of a request's hub-visible metadata and
 * the time, so that the hub's job can run them against a controllable clock (docs/mla.md):
 * - the requested post is reminded 7 days and 1 day before the deadline;
 * - once the deadline has passed, the request is escalated to the national coordinator of the
 *   requested country, with a copy to the requesting post;
 * - only while the requested side still owes an answer (sent, acknowledged, in execution,
 *   partially executed); a draft or an ended request gets nothing;
 * - each notice is sent once; a reminder whose moment has been overtaken by a later one (a
 *   request sent 3 days before its deadline) is skipped rather than sent late.
 */

const dayMs = 24 * 60 * 60 * 1000;

/** Who receives a notice. */
export type DeadlineNoticeRecipient =
  | "requested_post"
  | "requested_country_coordinator"
  | "requesting_post";

/** A notice the hub's job should send now. */
export interface DeadlineNotice {
  readonly kind: DeadlineNoticeKind;
  /** The moment it became due. */
  readonly dueAt: Date;
  readonly recipients: readonly DeadlineNoticeRecipient[];
}

/** What the deadline rules need to know about a request (all hub-visible). */
export interface DeadlineSubject {
  readonly status: MlaStatus;
  /** `YYYY-MM-DD`, or null for a request without a deadline. */
  readonly deadline: string | null;
}

/** The notices, in the order they fall due, with their offset from the deadline. */
export const deadlineSchedule: readonly {
  kind: DeadlineNoticeKind;
  offsetMs: number;
  recipients: readonly DeadlineNoticeRecipient[];
}[] = [
  { kind: "reminder_7_days", offsetMs: -7 * dayMs, recipients: ["requested_post"] },
  { kind: "reminder_1_day", offsetMs: -1 * dayMs, recipients: ["requested_post"] },
  {
    kind: "escalation",
    offsetMs: 0,
    recipients: ["requested_country_coordinator", "requesting_post"],
  },
];

const awaitingAnswer: ReadonlySet<MlaStatus> = new Set([
  "sent",
  "acknowledged",
  "in_execution",
  "partially_executed",
]);

/** The moment a deadline day passes: the end of that day, UTC. */
export function deadlineInstant(deadline: string): Date {
  const start = Date.parse(`${deadline}T00:00:00.000Z`);
  if (Number.isNaN(start)) throw new RangeError(`not a calendar date: ${deadline}`);
  return new Date(start + dayMs);
}

/** Whether the deadline of `subject` has passed at `now` (false without a deadline). */
export function isOverdue(subject: DeadlineSubject, now: Date): boolean {
  return subject.deadline !== null && now >= deadlineInstant(subject.deadline);
}

/** The notices still to come for `subject`: after the last one delivered, in order. */
function pendingNotices(subject: DeadlineSubject, delivered: readonly DeadlineNoticeKind[]) {
  if (subject.deadline === null || !awaitingAnswer.has(subject.status)) return [];
  const end = deadlineInstant(subject.deadline).getTime();
  const lastDelivered = Math.max(
    -1,
    ...delivered.map((kind) => deadlineSchedule.findIndex((notice) => notice.kind === kind)),
  );
  return deadlineSchedule
    .slice(lastDelivered + 1)
    .map((notice) => ({ ...notice, dueAt: new Date(end + notice.offsetMs) }));
}

/**
 * The notices to send at `now` for a request, given those already `delivered`: at most one, the
 * latest that has fallen due (an overtaken reminder is skipped).
 */
export function dueDeadlineNotices(
  subject: DeadlineSubject,
  now: Date,
  delivered: readonly DeadlineNoticeKind[] = [],
): DeadlineNotice[] {
  const due = pendingNotices(subject, delivered).filter((notice) => notice.dueAt <= now);
  const latest = due.at(-1);
  if (latest === undefined) return [];
  return [{ kind: latest.kind, dueAt: latest.dueAt, recipients: latest.recipients }];
}

/**
 * When the job should look at this request again: the moment the next notice falls due (possibly
 * already past), or null when none remains.
 */
export function nextDeadlineCheck(
  subject: DeadlineSubject,
  delivered: readonly DeadlineNoticeKind[] = [],
): Date | null {
  return pendingNotices(subject, delivered)[0]?.dueAt ?? null;
}
