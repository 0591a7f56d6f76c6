import type { Server } from "node:http";
import { UPLOAD_IDLE_MS } from "../commands/channels/attachments";
import type { HubContext } from "../context";
import { safeError } from "../logger";
import { deleteExpiredUploads } from "../store/attachments";

/** How often a hub deletes the attachment uploads left idle past their expiry. */
export const UPLOAD_EXPIRY_INTERVAL_MS = 10 * 60_000;

/** The upload expiry job: an interval the hub starts, and one pass for tests. */
export interface UploadExpiryJob {
  start(): void;
  stop(): void;
  /** One pass at `now` (the hub's clock by default); returns how many uploads it deleted. */
  runOnce(now?: Date): Promise<{ deleted: number }>;
}

/**
 * Deletes the uploads in parts that received nothing for {@link UPLOAD_IDLE_MS} (a device that
 * went away, a page closed mid-upload), their parts with them: an abandoned upload never becomes
 * an attachment and does not keep its bytes. Deleting is idempotent, so several hubs may run it.
 */
export function createUploadExpiryJob(
  hub: HubContext,
  intervalMs = UPLOAD_EXPIRY_INTERVAL_MS,
): UploadExpiryJob {
  let timer: NodeJS.Timeout | undefined;
  const runOnce = async (now: Date = hub.now()) => {
    const deleted = await deleteExpiredUploads(hub.database.db, now);
    if (deleted > 0) hub.logger.info({ deleted }, "expired attachment uploads deleted");
    return { deleted };
  };
  return {
    runOnce,
    start() {
      timer ??= setInterval(() => {
        runOnce().catch((error: unknown) =>
          hub.logger.error({ error: safeError(error) }, "upload expiry failed"),
        );
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

/** Starts the upload expiry for as long as `server` listens (one line in `server/hub.ts`). */
export function runUploadExpiryWhile(hub: HubContext, server: Server): UploadExpiryJob {
  const job = createUploadExpiryJob(hub);
  job.start();
  server.once("close", () => job.stop());
  return job;
}
