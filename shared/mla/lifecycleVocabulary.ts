import { z } from "zod";

/**
 * The hub-visible lifecycle of an MLA request (DESIGN.md §9): its statuses, the actions that
 * move it, the two sides that act, the coded grounds of a refusal and the deadline notices.
 * Labels are in `lifecycleLabels.ts`; the transition table is in `lifecycle.ts`.
 */

/** Where a request stands; `executed`, `refused` and `withdrawn` end it. */
export const mlaStatuses = [
  "draft",
  "sent",
  "acknowledged",
  "in_execution",
  "partially_executed",
  "executed",
  "refused",
  "withdrawn",
] as const;

/** What a side does to a request. The two information actions leave the status unchanged. */
export const mlaActions = [
  "send",
  "acknowledge",
  "start_execution",
  "report_partial_execution",
  "complete_execution",
  "refuse",
  "withdraw",
  "request_information",
  "provide_information",
] as const;

/** The requesting authority (the prosecutor's post) or the requested one (a central authority). */
export const mlaSides = ["requesting", "requested"] as const;

/**
 * Why a requested State refuses, after UNTOC art. 18(21) (a)-(d) and the dual-criminality
 * clause of art. 18(9). Bank secrecy (18(8)) and fiscal matters (18(22)) are deliberately absent:
 * the Convention excludes them as grounds.
 */
export const refusalGrounds = [
  "not_in_conformity",
  "sovereignty_security_ordre_public",
  "domestic_law_prohibits",
  "contrary_to_legal_system",
  "no_dual_criminality",
  "other",
] as const;

/** What the hub's deadline job sends: two reminders before the deadline, one escalation after. */
export const deadlineNoticeKinds = ["reminder_7_days", "reminder_1_day", "escalation"] as const;

export const mlaStatusSchema = z.enum(mlaStatuses);
export const mlaActionSchema = z.enum(mlaActions);
export const mlaSideSchema = z.enum(mlaSides);
export const refusalGroundSchema = z.enum(refusalGrounds);
export const deadlineNoticeKindSchema = z.enum(deadlineNoticeKinds);
export type MlaStatus = z.infer<typeof mlaStatusSchema>;
export type MlaAction = z.infer<typeof mlaActionSchema>;
export type MlaSide = z.infer<typeof mlaSideSchema>;
export type RefusalGround = z.infer<typeof refusalGroundSchema>;
export type DeadlineNoticeKind = z.infer<typeof deadlineNoticeKindSchema>;
