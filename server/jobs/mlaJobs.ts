import type { Server } from "node:http";
import { type DeadlineNoticeRecipient, dueDeadlineNotices } from "#shared/mla/deadlines";
import type { DeadlineNoticeKind } from "#shared/mla/lifecycleVocabulary";
import type { HubContext } from "../context";
import { claimNotice, noticesOf, requestsAwaitingAnswer } from "../store/mla";
import { listActiveCoordinators } from "../store/registerReminders";
import { type PeriodicJob, periodicJob, runWhileListening } from "./periodicJob";

/** How often a hub looks for MLA deadlines to remind of and escalate. */
export const MLA_JOBS_INTERVAL_MS = 15 * 60_000;

/** A notice one pass sent, with whom it reached. */
export interface SentMlaNotice {
  readonly requestId: string;
  readonly kind: DeadlineNoticeKind;
  readonly dueAt: Date;
  readonly recipients: readonly DeadlineNoticeRecipient[];
  /** The posts it is addressed to (the requested post; the requesting one for an escalation). */
  readonly postIds: readonly string[];
  /** The active national coordinators of the requested country, for an escalation. */
  readonly coordinatorPersonIds: readonly string[];
}

/** The MLA jobs: an interval the hub starts, and one pass for tests. */
export type MlaJobs = PeriodicJob<{ notices: readonly SentMlaNotice[] }>;

/**
 * The deadline notices of `shared/mla/deadlines.ts`: reminders to the requested post 7 days
 * and 1 day before the deadline, an escalation to the national coordinators of the requested
 * country (with a copy to the requesting post) once it has passed, while the requested side
 * still owes an answer. Each is recorded once (the insert is the claim across hubs) and listed
 * by `GET /api/v1/mla-reminders`.
 */
export function createMlaJobs(hub: HubContext, intervalMs = MLA_JOBS_INTERVAL_MS): MlaJobs {
  return periodicJob(hub, "mla jobs", intervalMs, async (now) => {
    const db = hub.database.db;
    const requests = (await requestsAwaitingAnswer(db)).filter((row) => row.deadline !== null);
    const delivered = new Map<string, DeadlineNoticeKind[]>();
    for (const notice of await noticesOf(
      db,
      requests.map((row) => row.id),
    )) {
      delivered.set(notice.requestId, [...(delivered.get(notice.requestId) ?? []), notice.kind]);
    }
    const notices: SentMlaNotice[] = [];
    for (const row of requests) {
      const due = dueDeadlineNotices(row, now, delivered.get(row.id) ?? []);
      for (const notice of due) {
        const claimed = await claimNotice(db, {
          requestId: row.id,
          kind: notice.kind,
          dueAt: notice.dueAt,
          sentAt: now,
        });
        if (!claimed) continue;
        const escalated = notice.recipients.includes("requested_country_coordinator");
        const coordinators = escalated
          ? await listActiveCoordinators(db, [row.requestedCountry])
          : [];
        notices.push({
          requestId: row.id,
          kind: notice.kind,
          dueAt: notice.dueAt,
          recipients: notice.recipients,
          postIds: [
            ...(notice.recipients.includes("requested_post") ? [row.requestedPostId] : []),
            ...(notice.recipients.includes("requesting_post") ? [row.requestingPostId] : []),
          ],
          coordinatorPersonIds: coordinators.map((coordinator) => coordinator.id),
        });
      }
    }
    if (notices.length > 0) hub.logger.info({ notices: notices.length }, "mla deadline notices");
    return { notices };
  });
}

/** Starts the MLA jobs for as long as `server` listens (one line in `server/hub.ts`). */
export function runMlaJobsWhile(hub: HubContext, server: Server): MlaJobs {
  return runWhileListening(createMlaJobs(hub), server);
}
