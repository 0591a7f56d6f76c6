import type { Server } from "node:http";
import { UPLOAD_IDLE_MS } from "../commands/channels/attachments";
import type { HubContext } from "../context";
import { deleteExpiredUploads } from "../store/attachments";
import { type PeriodicJob, periodicJob, runWhileListening } from "./periodicJob";

/** How often a hub deletes the attachment uploads left idle past their expiry. */
export const UPLOAD_EXPIRY_INTERVAL_MS = 10 * 60_000;

/** The upload expiry job: an interval the hub starts, and one pass for tests. */
export type UploadExpiryJob = PeriodicJob<{ deleted: number }>;

/**
 * Deletes the uploads in parts that received nothing for {@link UPLOAD_IDLE_MS} (a device that
 * went away, a page closed mid-upload), their parts with them: an abandoned upload never becomes
 * an attachment and does not keep its bytes. Deleting is idempotent, so several hubs may run it.
 */
export function createUploadExpiryJob(
  hub: HubContext,
  intervalMs = UPLOAD_EXPIRY_INTERVAL_MS,
): UploadExpiryJob {
  return periodicJob(hub, "upload expiry", intervalMs, async (now) => {
    const deleted = await deleteExpiredUploads(hub.database.db, now);
    if (deleted > 0) hub.logger.info({ deleted }, "expired attachment uploads deleted");
    return { deleted };
  });
}

/** Starts the upload expiry for as long as `server` listens (one line in `server/hub.ts`). */
export function runUploadExpiryWhile(hub: HubContext, server: Server): UploadExpiryJob {
  return runWhileListening(createUploadExpiryJob(hub), server);
}
