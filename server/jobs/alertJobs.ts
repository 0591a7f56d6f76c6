import type { Server } from "node:http";
import type { HubContext } from "../context";
import {
  claimDueReminders,
  dueExpiries,
  listForwards,
  minimiseExpiredAlert,
  purgeChannelContent,
} from "../store/alerts";
import { type PeriodicJob, periodicJob, runWhileListening } from "./periodicJob";

/** How often a hub looks for alerts to remind and to expire. */
export const ALERT_JOBS_INTERVAL_MS = 5 * 60_000;

/** What one pass did. */
export interface AlertJobsReport {
  /** Recipient posts reminded of an urgent alert they had not acknowledged. */
  readonly reminded: readonly { alertId: string; postId: string; version: number }[];
  /** Alerts whose content was purged. */
  readonly expired: readonly string[];
}

/** The alert jobs: an interval the hub starts, and one pass for tests. */
export type AlertJobs = PeriodicJob<AlertJobsReport>;

/**
 * Expires the alerts past their expiry: the messages and attachments of the alert's channel
 * and of its forwarding channels are deleted (the content purge), the follow-ups' metadata
 * and permission texts go, and the alert row records `expiredAt`. This is a hub action, not a
 * log entry: no device signs it (docs/alerts.md).
 */
async function expireAlerts(hub: HubContext, now: Date): Promise<string[]> {
  const expired: string[] = [];
  for (const alert of await dueExpiries(hub.database.db, now)) {
    await hub.database.db.transaction(async (tx) => {
      await purgeChannelContent(tx, alert.channelId);
      for (const forward of await listForwards(tx, alert.id)) {
        await purgeChannelContent(tx, forward.channelId);
      }
      await minimiseExpiredAlert(tx, alert.id, now);
    });
    expired.push(alert.id);
  }
  return expired;
}

/** The jobs of a hub; they read the hub's clock, so tests that move the clock move them too. */
export function createAlertJobs(hub: HubContext, intervalMs = ALERT_JOBS_INTERVAL_MS): AlertJobs {
  return periodicJob(hub, "alert jobs", intervalMs, async (now): Promise<AlertJobsReport> => {
    const cutoff = new Date(now.getTime() - hub.config.alertReminderHours * 3_600_000);
    const reminded = await claimDueReminders(hub.database.db, cutoff, now);
    if (reminded.length > 0) hub.logger.info({ reminded: reminded.length }, "alert reminders");
    const expired = await expireAlerts(hub, now);
    if (expired.length > 0) hub.logger.info({ expired: expired.length }, "alerts expired");
    return { reminded, expired };
  });
}

/** Starts the alert jobs for as long as `server` listens (one line in `server/hub.ts`). */
export function runAlertJobsWhile(hub: HubContext, server: Server): AlertJobs {
  return runWhileListening(createAlertJobs(hub), server);
}
