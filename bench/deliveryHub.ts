import { eq, sql } from "drizzle-orm";
import type { Envelope } from "#shared/channels/envelope";
import { loadConfig } from "../server/config";
import { startHub } from "../server/hub";
import { createLogger } from "../server/logger";
import { channels, messages } from "../server/store/schema/index";
import { answerParent, type ChildReady } from "./benchChild";

/**
 * The hub the delivery benchmarks measure, in a process of its own: `server/hub.ts` as
 * `npm start` runs it (embedded PGlite in DATA_DIR unless DATABASE_URL is set, production
 * logging at BENCH_LOG_LEVEL or info), with two differences a benchmark needs. Its clock can be
 * moved forward over IPC, so that enrolling and logging in many devices never reuses a TOTP
 * step; and the abuse limits are lifted, since one benchmark device sends far more than the
 * 30 events per second a real one may.
 */
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

const unlimited = 1_000_000_000;
const config = loadConfig(process.env);
const hub = await startHub(config, {
  logger: createLogger(config.logLevel),
  now,
  rateLimits: {
    settings: {
      enrolmentAttemptsPerIp: unlimited,
      restRequestsPerPerson: unlimited,
      restRequestsPerIp: unlimited,
      socketEvents: unlimited,
      socketBurstEvents: unlimited,
    },
  },
});

/** Stores envelopes as `sendMessage` would, but `batch` per transaction and without a push. */
async function storeEnvelopes(
  channelId: string,
  envelopes: readonly Envelope[],
  batch: number,
): Promise<void> {
  for (let start = 0; start < envelopes.length; start += batch) {
    const chunk = envelopes.slice(start, start + batch);
    await hub.context.database.db.transaction(async (tx) => {
      const [row] = await tx
        .update(channels)
        .set({ lastSeq: sql`${channels.lastSeq} + ${chunk.length}` })
        .where(eq(channels.id, channelId))
        .returning({ lastSeq: channels.lastSeq });
      if (row === undefined) throw new Error(`no channel ${channelId}`);
      const first = row.lastSeq - chunk.length + 1;
      const storedAt = now();
      await tx.insert(messages).values(
        chunk.map((envelope, i) => ({
          channelId,
          seq: first + i,
          senderDeviceId: envelope.senderDeviceId,
          clientMessageId: envelope.clientMessageId,
          epoch: envelope.epoch,
          envelope: JSON.stringify(envelope),
          storedAt,
        })),
      );
    });
  }
}

answerParent(async (request) => {
  if (request.kind === "advance") offsetMs += request.ms;
  if (request.kind === "store") {
    await storeEnvelopes(request.channelId, request.envelopes, request.batch);
  }
});
process.on("SIGTERM", () => {
  void hub.stop().then(() => process.exit(0));
});
const ready: ChildReady = { kind: "ready", url: hub.url, bootstrapCode: hub.bootstrapCode };
process.send?.(ready);
